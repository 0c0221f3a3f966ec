// Element Plus is not installed whole: every component imports the Element Plus components it
// shows (`import { ElButton } from 'element-plus'`), so each lazy page carries only its own and the
// login page loads a small part of the library. Its stylesheet is one file for all of them (the
// JavaScript is what was heavy). The Chinese locale comes from <el-config-provider> in App.vue.
import { createApp } from 'vue'
import 'element-plus/dist/index.css'
import App from './App.vue'
import router from './router.js'
import './style.css'

createApp(App).use(router).mount('#app')
