// ESLint for the web pages (web/): the recommended JavaScript and Vue 3 rules; formatting is
// Prettier's (.prettierrc.json), so eslint-config-prettier turns off the rules that would fight it.
import js from '@eslint/js'
import vue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

export default [
  { ignores: ['web/dist/**'] },
  js.configs.recommended,
  ...vue.configs['flat/recommended'],
  prettier,
  {
    files: ['web/**/*.{js,mjs,vue}'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      // Page files are named for the route they serve (LoginPage.vue), never a single word.
      'vue/multi-word-component-names': 'off',
      // A caught error that is deliberately ignored is written `catch {}` or named `_e`; a destructured key left out on purpose is named `_key`.
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The build scripts run in Node.
    files: ['web/vite.config.js', 'web/precompress.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
]
