// Only the Vant components the phone pages use, each with its own CSS (keeps the H5 bundle small);
// main.js registers every component this module exports.
export {
  Button,
  Cascader,
  Dialog,
  Cell,
  CellGroup,
  Empty,
  Field,
  Form,
  Icon,
  Loading,
  NavBar,
  Picker,
  Popup,
  Progress,
  PullRefresh,
  Radio,
  RadioGroup,
  Rate,
  Step,
  Stepper,
  Steps,
  Switch,
  Tab,
  Tabs,
  Tag,
  Uploader,
} from 'vant'
import 'vant/es/button/style/index.mjs'
import 'vant/es/cascader/style/index.mjs'
import 'vant/es/cell/style/index.mjs'
import 'vant/es/cell-group/style/index.mjs'
import 'vant/es/empty/style/index.mjs'
import 'vant/es/field/style/index.mjs'
import 'vant/es/form/style/index.mjs'
import 'vant/es/icon/style/index.mjs'
import 'vant/es/loading/style/index.mjs'
import 'vant/es/nav-bar/style/index.mjs'
import 'vant/es/popup/style/index.mjs'
import 'vant/es/step/style/index.mjs'
import 'vant/es/steps/style/index.mjs'
import 'vant/es/switch/style/index.mjs'
import 'vant/es/tag/style/index.mjs'
import 'vant/es/uploader/style/index.mjs'
// 共建共治 pages (pages/lists, deliberation, dual_report): tabs, picker, progress, stars, dialogs (also showConfirmDialog)
import 'vant/es/dialog/style/index.mjs'
import 'vant/es/picker/style/index.mjs'
import 'vant/es/progress/style/index.mjs'
import 'vant/es/rate/style/index.mjs'
import 'vant/es/tab/style/index.mjs'
import 'vant/es/tabs/style/index.mjs'
// showImagePreview (photos on the 查询进度 page)
import 'vant/es/image-preview/style/index.mjs'
// function-call toasts (showToast / showFailToast / showSuccessToast / showLoadingToast)
import 'vant/es/toast/style/index.mjs'
// the staff workbench (pages/appeals/staff/): pull down to refresh the queue
import 'vant/es/pull-refresh/style/index.mjs'
// dues (pages/dues/): months paid at once, how it was paid
import 'vant/es/stepper/style/index.mjs'
import 'vant/es/radio/style/index.mjs'
import 'vant/es/radio-group/style/index.mjs'
