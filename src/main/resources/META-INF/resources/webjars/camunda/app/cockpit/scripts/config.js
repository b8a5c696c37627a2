// Vigil's settings for Camunda Cockpit (served before the webjar's own config.js): the header names
// Vigil, and the "Ticket history" page for auditors (vigil-history/plugin.js, issue 14). Everything
// else is the webapp's default.
export default {
  app: {
    name: 'Cockpit',
    vendor: 'Vigil'
  },
  // Paths relative to app/cockpit/, without .js
  customScripts: ['scripts/vigil-history/plugin']
};
