// A register's description from the server (GET /api/v1/registers/{name}/schema: its fields'
// Chinese labels, kinds and choices), so pages name their columns, filters and form fields by key
// and write no label the server already has. One request per register per page load.
import { ref } from 'vue'
import { api } from '../api.js'

const cache = new Map()

export function registerSchema(name) {
  if (!cache.has(name)) {
    const p = api.get(`/api/v1/registers/${name}/schema`, undefined, { silent: true }).catch((e) => {
      cache.delete(name)
      throw e
    })
    cache.set(name, p)
  }
  return cache.get(name)
}

/** {value: label} of a schema field's choices */
export function choiceMap(field) {
  return Object.fromEntries(((field && field.choices) || []).map((c) => [c.value, c.label]))
}

/** The schema field a page's prop shows: the field itself, or the reference whose name it is. */
export function schemaField(schema, prop) {
  if (!schema) return null
  return schema.fields.find((f) => f.key === prop) || schema.fields.find((f) => f.name_key === prop) || null
}

/**
 * `schema` (a ref, null until it arrives); `describe(list, key)`: the page's column, filter or
 * field descriptions with what the page left out filled in from the schema: `label`, and for a
 * choice its `map` (table and detail) and `options` (filters and forms); `heading(key)`: a field's
 * Chinese name for a page's own column ('' until the schema arrives); `choices(key)`: {value: label}
 * of a choice field and `options(key)` the same as [{value, label}].
 */
export function useRegisterSchema(name) {
  const schema = ref(null)
  registerSchema(name)
    .then((s) => (schema.value = s))
    .catch(() => {
      /* the page's own labels stand */
    })
  function describe(list, key = 'prop') {
    return list.map((item) => {
      const f = schemaField(schema.value, item[key])
      if (!f) return { label: '', ...item }
      const out = { ...item, label: item.label ?? f.label }
      if (f.choices) {
        if (!out.map && !out.format) out.map = choiceMap(f)
        if (!out.options && out.type === 'select') {
          out.options = f.choices.map((c) => ({ value: c.value, label: c.label }))
        }
      }
      return out
    })
  }
  const field = (key) => schemaField(schema.value, key)
  const heading = (key) => (field(key) || {}).label || ''
  const choices = (key) => choiceMap(field(key))
  const options = (key) => ((field(key) || {}).choices || []).map((c) => ({ value: c.value, label: c.label }))
  return { schema, describe, heading, choices, options }
}
