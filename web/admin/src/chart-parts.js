// The ECharts parts the console uses (charts.js installs every one this module exports): no map
// tiles, maps come from the server's GeoJSON via registerMap.
export { BarChart, HeatmapChart, MapChart, ScatterChart } from 'echarts/charts'
export {
  GeoComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  TitleComponent,
  VisualMapComponent,
} from 'echarts/components'
export { CanvasRenderer } from 'echarts/renderers'
export { LabelLayout } from 'echarts/features'
