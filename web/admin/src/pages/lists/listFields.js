// What the three lists (resources, needs, projects) are called and the fields of their create/edit
// form (components/RecordForm.vue).
import { hasMenu } from '../../session.js'
import { COMMUNITY_FIELD } from '../../cogov.js'

export const LIST_CONFIG = {
  resources: {
    noun: '资源',
    kinds: true,
    createText: '登记资源',
    intro: '单位、党员登记的资源经社区审核后发布，可被派单到需求。',
  },
  needs: {
    noun: '需求',
    kinds: true,
    createText: '登记需求',
    intro: '社区登记的需求审核发布后，单位和党员可认领，社区也可按推荐派单。',
  },
  projects: {
    noun: '项目',
    kinds: false,
    createText: '登记项目',
    intro: '项目发布后由单位或党员认领，认领数达到名额即为已满。',
  },
}

const LON_LAT = [
  { prop: 'lon', label: '经度', type: 'number', min: -180, max: 180, precision: 6, step: 0.001, placeholder: '选填' },
  { prop: 'lat', label: '纬度', type: 'number', min: -90, max: 90, precision: 6, step: 0.001, placeholder: '选填' },
]

function resourceFields({ staff, kindOptions }) {
  return [
    { prop: 'kind', label: '资源类型', type: 'select', required: true, options: kindOptions },
    { prop: 'capacity', label: '同时可接单', type: 'number', min: 1, default: 1, hint: '同一时间最多承接的订单数' },
    {
      prop: 'area_id',
      label: '面向社区',
      type: 'area',
      required: true,
      nameProp: 'area_name',
      placeholder: '资源提供给哪个社区（村）',
    },
    { prop: 'available', label: '可提供时间', maxlength: 60, placeholder: '如：每周六上午' },
    // the area tree needs the area register (unit admins and members have none: the whole county)
    ...(hasMenu('areas')
      ? [{ prop: 'served_area_ids', label: '服务范围', type: 'areas', span: 24, hint: '可多选；不选表示服务全县' }]
      : []),
    ...(staff
      ? [
          {
            prop: 'unit_id',
            label: '提供单位',
            type: 'remote',
            register: 'units',
            nameProp: 'owner_name',
            createOnly: true,
            hint: '单位或党员二选一',
          },
          { prop: 'member_id', label: '提供党员', type: 'remote', register: 'members', createOnly: true },
        ]
      : []),
    { prop: 'contact', label: '联系方式', maxlength: 60, placeholder: '联系人及电话', span: 24 },
    ...LON_LAT,
    { prop: 'description', label: '资源说明', type: 'textarea', maxlength: 1000, span: 24 },
  ]
}

function needFields({ gridOnly, kindOptions, sourceOptions }) {
  return [
    { prop: 'kind', label: '需求类型', type: 'select', required: true, options: kindOptions },
    {
      prop: 'source',
      label: '需求来源',
      type: 'select',
      options: sourceOptions,
      default: gridOnly ? 'grid' : 'community',
    },
    {
      prop: 'area_id',
      label: '所在区域',
      type: 'area',
      required: true,
      nameProp: 'area_name',
      placeholder: '网格或社区（村）',
    },
    { prop: 'requester_name', label: '提出人', maxlength: 30, placeholder: '居民姓名或单位' },
    ...LON_LAT,
    { prop: 'description', label: '需求描述', type: 'textarea', maxlength: 1000, span: 24, rows: 4 },
  ]
}

function projectFields() {
  return [
    {
      prop: 'places',
      label: '认领名额',
      type: 'number',
      required: true,
      min: 1,
      default: 1,
      hint: '需要多少个单位或党员认领',
    },
    { prop: 'budget', label: '预算（元）', type: 'number', precision: 2, step: 100 },
    COMMUNITY_FIELD,
    { prop: 'starts_on', label: '开始日期', type: 'date' },
    { prop: 'ends_on', label: '结束日期', type: 'date' },
    { prop: 'goal', label: '项目目标', type: 'textarea', maxlength: 500, span: 24, rows: 2 },
    { prop: 'description', label: '项目内容', type: 'textarea', maxlength: 2000, span: 24, rows: 4 },
  ]
}

const FIELDS = { resources: resourceFields, needs: needFields, projects: projectFields }

/** The form's fields: the name, then the register's own. */
export function listFormFields(register, context) {
  const title = { prop: 'title', label: `${LIST_CONFIG[register].noun}名称`, required: true, maxlength: 60, span: 24 }
  return [title, ...FIELDS[register](context)]
}

export const money = (v) => (v === null || v === undefined || v === '' ? '—' : Number(v).toLocaleString('zh-CN'))
export const period = (row) => (row.starts_on || row.ends_on ? `${row.starts_on || '…'} 至 ${row.ends_on || '…'}` : '—')
