// Vite multi-page build of the jiceng web front ends (served by the server from web/dist):
//   web/admin/index.html -> web/dist/index.html     the staff console (Element Plus)
//   web/h5/index.html    -> web/dist/m/index.html   the residents' pages at /m/ (Vant)
// Both share web/dist/assets/ (hashed; the shared Vue runtime is one chunk).
import { fileURLToPath, URL } from 'node:url'
import { existsSync, mkdirSync, readFileSync, renameSync, rmdirSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

const here = (p) => fileURLToPath(new URL(p, import.meta.url))
const root = here('./')
const outDir = here('./dist')

// Where each page's HTML lands in the build, and which dev-server URLs serve it.
const PAGES = [
  { src: 'admin/index.html', out: 'index.html', dev: ['/', '/index.html'] },
  { src: 'h5/index.html', out: 'm/index.html', dev: ['/m', '/m/', '/m/index.html'] },
]

function pagePaths() {
  return {
    name: 'jiceng-page-paths',
    enforce: 'post',
    // move the emitted HTML (admin/index.html -> index.html, h5/index.html -> m/index.html) once
    // written; asset URLs in them are absolute (base '/'), so moving the HTML does not break them
    writeBundle(options) {
      const dir = options.dir || outDir
      for (const page of PAGES) {
        const from = join(dir, page.src)
        if (!existsSync(from)) continue
        const to = join(dir, page.out)
        mkdirSync(dirname(to), { recursive: true })
        renameSync(from, to)
        try {
          rmdirSync(dirname(from))
        } catch {
          /* not empty */
        }
      }
    },
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const path = (req.url || '/').split('?')[0]
        const page = PAGES.find((p) => p.dev.includes(path))
        if (page) req.url = '/' + page.src + (req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '')
        next()
      })
    },
  }
}

// Vant's icon font is inlined in its CSS as a data: URL, with a fallback on a public CDN. The
// server's Content-Security-Policy allows fonts from 'self' only (default-src), and there is no
// internet at the sites, so the font is emitted as a file under /assets/ and the CSS points there.
function vantIconFont() {
  const cssPath = createRequire(import.meta.url).resolve('vant/es/icon/index.css')
  const m = readFileSync(cssPath, 'utf8').match(
    /url\(["']?data:font\/woff2;(?:charset=[^;]*;)?base64,([A-Za-z0-9+/=]+)["']?\)/,
  )
  if (!m) return { name: 'jiceng-vant-icon-font' }
  const font = Buffer.from(m[1], 'base64')
  const fileName = `assets/vant-icon-${createHash('sha256').update(font).digest('hex').slice(0, 10)}.woff2`
  return {
    name: 'jiceng-vant-icon-font',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]vant[\\/](es|lib)[\\/]icon[\\/]index\.css$/.test(id.split('?')[0])) return null
      return {
        code: code.replace(/src:\s*url\(["']?data:font\/woff2[^)]*\)[^;}]*/, `src:url(/${fileName}) format("woff2")`),
        map: null,
      }
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: font })
    },
    configureServer(server) {
      server.middlewares.use('/' + fileName, (_req, res) => {
        res.setHeader('Content-Type', 'font/woff2')
        res.end(font)
      })
    },
  }
}

const LIBRARY_CHUNKS = [
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/ },
  {
    name: 'element-plus',
    test: /node_modules[\\/](element-plus|@element-plus|@floating-ui|@popperjs|@sxzz|@vueuse|@ctrl|lodash-es|lodash-unified|dayjs|async-validator|memoize-one|normalize-wheel-es)[\\/]/,
  },
]

export default defineConfig({
  root,
  base: '/',
  publicDir: here('./admin/public'),
  plugins: [
    vue(),
    // The console's templates name Element Plus components (<el-button>) and its v-loading directive
    // without importing them: this adds `import { ElButton } from 'element-plus/es'` to each
    // component that uses one, so a lazy page still carries only the components it shows. The
    // stylesheet is loaded whole in web/admin/src/main.js (importStyle: false). Our own components
    // are imported by hand (dirs: []), and no components.d.ts is written (dts: false). Functions
    // called from script code (ElMessage, ElMessageBox) are still imported where they are called.
    Components({
      dirs: [],
      dts: false,
      resolvers: [ElementPlusResolver({ importStyle: false, directives: true })],
    }),
    pagePaths(),
    vantIconFont(),
  ],
  resolve: {
    alias: {
      '@': here('./admin/src'),
      '@h5': here('./h5/src'),
      '@shared': here('./shared'),
    },
  },
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: 'assets',
    rollupOptions: {
      input: {
        admin: here('./admin/index.html'),
        h5: here('./h5/index.html'),
      },
      output: {
        // Vendor libraries that every page of one front end needs get chunks of their own: they
        // change less often than the pages, so browsers keep them cached across releases. The Vue
        // runtime and router are shared by both front ends; Vant is the phone's (its components are
        // registered once, web/h5/src/vant.js). Element Plus and ECharts are imported per component
        // where they are used (Element Plus by the Components plugin above, for what a template
        // uses; charts.js and echarts.js name the ECharts parts), so Rollup splits them along the
        // lazy pages: the console's login page loads only the form, input and button it shows, and
        // the phone's map does not carry the console's bar charts.
        manualChunks(id) {
          if (/node_modules[\\/](@vue|vue|vue-router)[\\/]/.test(id)) return 'vue'
          if (/node_modules[\\/](vant|@vant)[\\/]/.test(id)) return 'vant'
          return undefined
        },
        // Rollup names a shared chunk after its first module ("index", "installCanvasRenderer"):
        // name the ones that are all one library after the library instead.
        chunkFileNames: (chunk) => {
          const ids = chunk.moduleIds.filter((id) => !id.startsWith('\0')) // Rollup's and Vite's helpers
          const lib = ids.length ? LIBRARY_CHUNKS.find((l) => ids.every((id) => l.test.test(id))) : null
          return `assets/${lib ? lib.name : chunk.name}-[hash].js`
        },
      },
    },
    // the largest chunk is the core of ECharts (~510 kB, lazy: only the chart and map pages load it);
    // a warning means a whole library slipped back into one chunk
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
})
