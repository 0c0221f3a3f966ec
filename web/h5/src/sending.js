// A phone popup's form sends one request at a time: its button spins (`sending`) and a refusal is
// shown in the popup (`error`), where the one filling it in can correct it and send again.

/** Runs `call` with `state.sending` set; its refusal lands in `state.error`. Whether it went through. */
export async function sendFrom(state, call) {
  state.error = ''
  state.sending = true
  try {
    await call()
    return true
  } catch (e) {
    state.error = e.message
    return false
  } finally {
    state.sending = false
  }
}
