// The state of a page's own form dialog (components/FormDialog.vue): whether it is open, its fields
// (`form`), the message of each field the server names (`errors`) and one for anything else
// (`error`). `open(values)` starts it afresh; `send(call, done, after)` runs call(), then closes,
// says `done` and runs after() (the page's reload); a refusal stays in the dialog beside its field.
// `bind` is what the dialog shows of this state: `<FormDialog v-bind="bind" …>` (open, spinning,
// the refusal no field owns).
import { reactive, ref } from 'vue'
import { ElMessage } from 'element-plus'

export function useFormDialog() {
  const show = ref(false)
  const saving = ref(false)
  const error = ref('')
  const errors = reactive({})
  const form = reactive({})

  function clear() {
    error.value = ''
    for (const k of Object.keys(errors)) delete errors[k]
  }

  function open(values) {
    Object.assign(form, values)
    clear()
    show.value = true
  }

  async function send(call, done, after = async () => {}) {
    clear()
    saving.value = true
    try {
      await call()
      show.value = false
      ElMessage.success(done)
      await after()
    } catch (e) {
      if (e.field && e.field in form) errors[e.field] = e.message
      else error.value = e.message
    } finally {
      saving.value = false
    }
  }

  // reactive() reads the refs through, so the dialog follows them
  const bind = reactive({ modelValue: show, loading: saving, error, 'onUpdate:modelValue': (v) => (show.value = v) })

  return { show, saving, error, errors, form, open, send, bind }
}
