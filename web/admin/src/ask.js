// Element Plus message boxes as values: a cancelled box is `false` / `null`, not a rejection each
// caller catches.
import { ElMessageBox } from 'element-plus'

/** Whether the confirm box was confirmed. */
export async function confirmed(message, title, options) {
  try {
    await ElMessageBox.confirm(message, title, options)
    return true
  } catch {
    return false
  }
}

/** The text typed in the prompt box, or null when it was cancelled. */
export async function askText(message, title, options) {
  try {
    return (await ElMessageBox.prompt(message, title, options)).value
  } catch {
    return null
  }
}
