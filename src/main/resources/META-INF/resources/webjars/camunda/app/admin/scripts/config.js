// Vigil's settings for Camunda Admin (served before the webjar's own config.js): the header names
// Vigil. Everything else is the webapp's default.
export default {
  app: {
    name: 'Admin',
    vendor: 'Vigil'
  }
};
