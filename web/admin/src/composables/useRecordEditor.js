// The state of a page's create/edit dialog (components/RecordForm.vue): whether it is open and the
// row being edited (null: a new one).
import { ref } from 'vue'

export function useRecordEditor() {
  const formVisible = ref(false)
  const editing = ref(null)
  function openCreate() {
    editing.value = null
    formVisible.value = true
  }
  function openEdit(row) {
    if (!row) return
    editing.value = row
    formVisible.value = true
  }
  return { formVisible, editing, openCreate, openEdit }
}
