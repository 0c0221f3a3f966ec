// ECharts for the grid map only (a lazy chunk): geo component, scatter series for the pin and the
// labels, the label layout that hides overlapping labels, and the SVG renderer (text stays sharp
// when the resident zooms, and the labels are real text in the page). No tiles: the map is the
// server's grid GeoJSON registered with registerMap.
import * as echarts from 'echarts/core'
import { ScatterChart } from 'echarts/charts'
import { GeoComponent } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'
import { LabelLayout } from 'echarts/features'

echarts.use([GeoComponent, ScatterChart, SVGRenderer, LabelLayout])

export default echarts
