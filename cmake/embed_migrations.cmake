cmake_minimum_required(VERSION 3.25)
# Writes a C++ file holding every migration's name and text. Migrations sit beside their module
# (src/<module>/migrations/); the file name is the version a database records, so they are ordered
# by file name across every folder, as when they all sat in one.
file(GLOB FILES ${SRC}/*/migrations/*.sql)
set(keyed "")
foreach(f ${FILES})
  get_filename_component(name ${f} NAME)
  # "!" sorts before every character of a name, so "x.sql" keeps coming before "x.sqlite.sql".
  list(APPEND keyed "${name}!${f}")
endforeach()
list(SORT keyed)

# A version is the name without its dialect ("001_foundation.sqlite.sql" → "001_foundation"). Each
# is in one folder, and each number names one version, so two modules cannot both take the next.
set(body "#include \"store/migrations.hpp\"\nnamespace jiceng::store {\nconst std::vector<MigrationFile>& embedded_migrations() {\n  static const std::vector<MigrationFile> files = {\n")
foreach(entry ${keyed})
  string(REGEX REPLACE "^([^!]*)!.*$" "\\1" name "${entry}")
  string(REGEX REPLACE "^[^!]*!(.*)$" "\\1" f "${entry}")
  get_filename_component(dir ${f} DIRECTORY)
  string(REGEX REPLACE "(\\.sqlite|\\.postgres)?\\.sql$" "" version "${name}")
  string(REGEX MATCH "^[0-9]+" number "${name}")
  if(number STREQUAL "")
    message(FATAL_ERROR "migration ${f}: its name must start with its number")
  endif()
  if(DEFINED version_dir_${version} AND NOT version_dir_${version} STREQUAL dir)
    message(FATAL_ERROR "migration ${version} is in two folders: ${version_dir_${version}} and ${dir}")
  endif()
  set(version_dir_${version} ${dir})
  if(DEFINED number_${number} AND NOT number_${number} STREQUAL version)
    message(FATAL_ERROR "migration number ${number} is taken twice: ${number_${number}} and ${version}")
  endif()
  set(number_${number} ${version})
  file(READ ${f} text)
  string(APPEND body "    {\"${name}\", R\"SQL(${text})SQL\"},\n")
endforeach()
string(APPEND body "  };\n  return files;\n}\n}  // namespace jiceng::store\n")
file(WRITE ${OUT}.tmp "${body}")
configure_file(${OUT}.tmp ${OUT} COPYONLY)
