// jiceng-gen: the benchmark province (bench/gen/province.hpp) into SQLite or PostgreSQL.
//   jiceng-gen --db sqlite:/tmp/province.db --key-file /tmp/bench.key [--members 2000000] …
#include <CLI/CLI.hpp>
#include <chrono>
#include <ctime>
#include <exception>
#include <iostream>

#include "gen/ceiling.hpp"
#include "gen/movement.hpp"
#include "gen/province.hpp"
#include "store/migrations.hpp"

namespace {

constexpr int kPool = 2;

std::chrono::steady_clock::time_point g_start;

void progress(const std::string& line) {
  const auto s = std::chrono::duration<double>(std::chrono::steady_clock::now() - g_start).count();
  std::cerr << "[" << static_cast<long>(s) << " s] " << line << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"jiceng-gen: a deterministic province for the benchmarks, bulk-loaded"};
  std::string db_url, key_file;
  jiceng::bench::Sizes z;
  cli.add_option("--db", db_url, "sqlite:PATH or postgresql://…")->required();
  cli.add_option("--key-file", key_file, "field encryption keys (created when absent)")->required();
  cli.add_option("--cities", z.cities, "cities in the province");
  cli.add_option("--counties", z.counties, "counties in the province");
  cli.add_option("--streets", z.streets_per_county, "streets per county");
  cli.add_option("--communities", z.communities_per_street, "communities per street");
  cli.add_option("--grids", z.grids, "grids in the province");
  cli.add_option("--orgs", z.orgs, "party organisations in the province");
  cli.add_option("--members", z.members, "party members");
  cli.add_option("--appeals", z.appeals, "appeals over the past year, with their timelines");
  cli.add_option("--seed", z.seed, "the same seed gives the same province");
  bool movement_only = false;
  cli.add_flag("--movement-only", movement_only,
               "only add dues accounts, mobile members and transfers to a province generated before they were");
  double ceiling_seconds = 0;
  cli.add_option(
      "--ceiling", ceiling_seconds,
      "instead of loading: measure the storage ceiling for this many seconds per mode in --db (a scratch store)");
  CLI11_PARSE(cli, argc, argv);
  try {
    g_start = std::chrono::steady_clock::now();
    auto db = jiceng::store::open(db_url, kPool);
    if (ceiling_seconds > 0) {
      const auto c = jiceng::bench::storage_ceiling(*db, ceiling_seconds);
      std::cout << "storage_single_rps=" << static_cast<long>(c.single_rps)
                << " storage_grouped_rps=" << static_cast<long>(c.grouped_rps) << " group_rows=" << c.group_rows
                << "\n";
      return 0;
    }
    jiceng::store::migrate(*db);
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    if (!movement_only) {
      const auto cipher = jiceng::crypto::FieldCipher::from_key_file(key_file);
      std::cout << jiceng::bench::load_province(*db, cipher, z, now, progress) << "\n";
    }
    const auto m = jiceng::bench::load_movement(*db, z.seed, now, progress);
    std::cout << m.accounts << " dues accounts (" << m.behind << " behind), " << m.flows << " mobile members ("
              << m.out_of_touch << " out of touch over six months), " << m.transfers << " transfers waiting\n";
    progress("done");
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "jiceng-gen: " << e.what() << "\n";
    return 1;
  }
}
