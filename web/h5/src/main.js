import { createApp } from 'vue'
import vant from './vant.js'
import App from './App.vue'
import router from './router.js'
import './style.css'

createApp(App).use(vant).use(router).mount('#app')
