// Vigil's settings for Camunda Tasklist (served before the webjar's own config.js): the header names
// Vigil. Everything else is the webapp's default, the keyboard shortcuts as Camunda ships them.
export default {
  app: {
    name: 'Tasklist',
    vendor: 'Vigil'
  },

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
