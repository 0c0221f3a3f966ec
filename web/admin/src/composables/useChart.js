// A page's ECharts chart in the element `el` (a template ref): made on first `draw()` (with
// `setup(chart)` run once, e.g. its click handler), resized with the window, disposed with the page.
import { onBeforeUnmount, onMounted, shallowRef } from 'vue'
import echarts from '../charts.js'

export function useChart(el, setup = () => {}) {
  const chart = shallowRef(null)
  const onResize = () => chart.value && chart.value.resize()
  onMounted(() => window.addEventListener('resize', onResize))
  onBeforeUnmount(() => {
    window.removeEventListener('resize', onResize)
    if (chart.value) chart.value.dispose()
  })
  /** the chart, made now if it was not yet */
  function draw() {
    if (!chart.value) {
      chart.value = echarts.init(el.value)
      setup(chart.value)
    }
    return chart.value
  }
  return { chart, draw }
}
