// Only the ECharts parts the console uses (keeps the lazy chunk small). No map tiles: maps come
// from the server's GeoJSON via registerMap.
import * as echarts from 'echarts/core'
import { BarChart, HeatmapChart, MapChart, ScatterChart } from 'echarts/charts'
import {
  GeoComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  TitleComponent,
  VisualMapComponent,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import { LabelLayout } from 'echarts/features'

echarts.use([
  MapChart,
  BarChart,
  HeatmapChart,
  ScatterChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  TitleComponent,
  VisualMapComponent,
  CanvasRenderer,
  LabelLayout,
])

export default echarts
