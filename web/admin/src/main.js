// Element Plus is not installed whole: the build (unplugin-vue-components with its Element Plus
// resolver, web/vite.config.js) adds to each component an import of the Element Plus components
// and directives its template uses (`import { ElButton } from 'element-plus/es'`), so each lazy
// page carries only its own and the login page loads a small part of the library. Script code
// imports what it calls itself (ElMessage, ElMessageBox). The stylesheet is one file for all of
// them (the JavaScript is what was heavy), so the resolver imports no per-component styles. The
// Chinese locale comes from <el-config-provider> in App.vue.
import { createApp } from 'vue'
import 'element-plus/dist/index.css'
import App from './App.vue'
import router from './router.js'
import './style.css'

createApp(App).use(router).mount('#app')
