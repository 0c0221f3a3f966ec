import { createApp } from 'vue'
import * as vant from './vant.js'
import App from './App.vue'
import router from './router.js'
import './style.css'

const app = createApp(App)
for (const component of Object.values(vant)) app.use(component)
app.use(router).mount('#app')
