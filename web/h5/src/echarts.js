// ECharts for the grid map only (a lazy chunk): geo component + a scatter pin, canvas renderer.
// No tiles: the map is the server's grid GeoJSON registered with registerMap.
import * as echarts from 'echarts/core'
import { ScatterChart } from 'echarts/charts'
import { GeoComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([GeoComponent, ScatterChart, CanvasRenderer])

export default echarts
