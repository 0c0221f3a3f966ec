// Only the ECharts parts the console uses (chart-parts.js; keeps the lazy chunk small).
import * as echarts from 'echarts/core'
import * as parts from './chart-parts.js'

echarts.use(Object.values(parts))

export default echarts
