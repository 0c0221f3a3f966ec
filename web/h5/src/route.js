// One hash route inside /m/ as each module lists its pages: the page is loaded when first opened
// (its own chunk); meta.title names it in the nav bar and the browser tab; meta.up, where given, is
// where the back arrow leads when there is no history (false: no arrow, the page is a home).
export function page(path, name, load, title, up) {
  return { path, name, component: load, meta: up === undefined ? { title } : { title, up } }
}
