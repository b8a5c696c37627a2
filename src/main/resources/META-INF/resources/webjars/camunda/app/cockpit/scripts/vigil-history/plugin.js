// Vigil's "Ticket history" page in Cockpit (issue 14): auditors search incidents, problems and
// changes, open or closed, and read one ticket's whole history from Vigil's /api/history, which
// takes the Cockpit session for its reads (ADR 24). Cockpit community shows running instances only.
//
// Everything a ticket holds was typed by someone: it goes into the page as text only
// (textContent, createElement), never as markup.

const ROUTE = '/vigil-history';
const API = '/api/history';
const HERE = import.meta.url;
const TAKEN = 'vigil-taken';
const TYPES = ['INCIDENT', 'PROBLEM', 'CHANGE'];
const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'];
const SEARCH_FIELDS = ['number', 'type', 'from', 'to', 'group', 'priority', 'state'];
const SOURCES = ['audit', 'activity', 'task', 'decision', 'variable', 'operation'];

stylesheet(new URL('history.css', HERE).href);

export default [
  {
    id: 'vigil-history-navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 0,
    render: node => {
      node.appendChild(el('a', {href: '#' + ROUTE}, 'Ticket history'));
    },
    properties: {path: ROUTE}
  },
  {
    id: 'vigil-history-page',
    pluginPoint: 'cockpit.route',
    priority: 0,
    render: node => {
      const page = el('div', {className: 'vigil-history'});
      node.appendChild(page);
      const params = hashParams();
      if (params.get('ticket')) {
        showTicket(page, params.get('ticket'));
      } else {
        showSearch(page, params);
      }
    },
    properties: {path: ROUTE}
  }
];

// The page's state is in the address (#/vigil-history?state=CLOSED, #/vigil-history?ticket=INC-000042):
// Cockpit's router renders the page anew when it changes, and an auditor can bookmark or send it.
function hashParams() {
  const hash = window.location.hash;
  const query = hash.indexOf('?');
  return new URLSearchParams(query < 0 ? '' : hash.slice(query + 1));
}

function go(params) {
  const query = params.toString();
  window.location.hash = '#' + ROUTE + (query ? '?' + query : '');
}

// ---- search ----

function showSearch(page, params) {
  page.appendChild(el('h2', {}, 'Ticket history'));
  page.appendChild(el('p', {className: 'vigil-hint'},
    'Incidents, problems and changes, open and closed. A period finds the tickets that were open at some moment of it.'));

  const form = el('form', {className: 'vigil-search form-inline'});
  const fields = {
    number: input('number', 'Number', 'text', {placeholder: 'INC-000042'}),
    type: select('type', 'Type', TYPES),
    from: input('from', 'From', 'date'),
    to: input('to', 'To', 'date'),
    group: input('group', 'Group', 'text', {placeholder: 'database'}),
    priority: select('priority', 'Priority', PRIORITIES),
    state: input('state', 'State', 'text', {placeholder: 'CLOSED'})
  };
  Object.entries(fields).forEach(([name, field]) => {
    field.control.value = params.get(name) || '';
    form.appendChild(field.label);
  });
  form.appendChild(el('button', {type: 'submit', className: 'btn btn-primary'}, 'Search'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const next = new URLSearchParams();
    Object.entries(fields).forEach(([name, field]) => {
      const value = field.control.value.trim();
      if (value) {
        next.set(name, name === 'number' || name === 'state' ? value.toUpperCase() : value);
      }
    });
    go(next);
  });
  page.appendChild(form);

  const results = el('div', {className: 'vigil-results'});
  page.appendChild(results);
  const pageNumber = Number(params.get('page') || 0);
  read(API + '/tickets?' + apiQuery(params, pageNumber))
    .then(found => showResults(results, found, params, pageNumber))
    .catch(error => showError(results, error));
}

// Dates are the auditor's local days; the API takes instants. "To" counts its whole day.
function apiQuery(params, pageNumber) {
  const query = new URLSearchParams();
  SEARCH_FIELDS.filter(name => params.get(name)).forEach(name => {
    const value = params.get(name);
    if (name === 'from') {
      query.set(name, new Date(value + 'T00:00:00').toISOString());
    } else if (name === 'to') {
      const end = new Date(value + 'T00:00:00');
      end.setDate(end.getDate() + 1);
      query.set(name, end.toISOString());
    } else {
      query.set(name, value);
    }
  });
  query.set('page', String(pageNumber));
  return query.toString();
}

function showResults(results, found, params, pageNumber) {
  if (!found.items.length) {
    results.appendChild(el('p', {}, 'No ticket matches.'));
    return;
  }
  const table = el('table', {className: 'table table-striped vigil-tickets'});
  table.appendChild(row('th', ['Number', 'Type', 'Title', 'State', 'Priority', 'Group', 'Opened', 'Closed']));
  found.items.forEach(ticket => {
    const open = new URLSearchParams({ticket: ticket.number});
    const tr = row('td', ['', ticket.type, ticket.title, ticket.state, ticket.priority, ticket.group,
      when(ticket.openedAt), when(ticket.closedAt)]);
    tr.firstChild.appendChild(el('a', {href: '#' + ROUTE + '?' + open, className: 'vigil-ticket-link'}, ticket.number));
    table.appendChild(tr);
  });
  results.appendChild(table);

  const total = found.totalItemsExact ? String(found.totalItems) : 'at least ' + found.totalItems;
  const pager = el('div', {className: 'vigil-pager'}, total + ' found');
  const turn = (label, to) => {
    const next = new URLSearchParams(params);
    next.set('page', String(to));
    const button = el('button', {type: 'button', className: 'btn btn-default btn-sm'}, label);
    button.addEventListener('click', () => go(next));
    pager.appendChild(button);
  };
  if (pageNumber > 0) {
    turn('Newer', pageNumber - 1);
  }
  if ((pageNumber + 1) * found.size < found.totalItems) {
    turn('Older', pageNumber + 1);
  }
  results.appendChild(pager);
}

// ---- one ticket ----

function showTicket(page, number) {
  const back = el('a', {href: '#' + ROUTE, className: 'vigil-back'}, '← Search');
  page.appendChild(back);
  const body = el('div', {});
  page.appendChild(body);
  read(API + '/tickets/' + encodeURIComponent(number))
    .then(history => {
      const ticket = history.ticket;
      body.appendChild(el('h2', {className: 'vigil-ticket-title'}, ticket.number + ' ' + ticket.title));
      body.appendChild(el('p', {className: 'vigil-hint'}, [ticket.type, ticket.state, ticket.priority, ticket.group,
        'opened ' + when(ticket.openedAt), ticket.closedAt ? 'closed ' + when(ticket.closedAt) : 'not closed']
        .filter(Boolean).join(' · ')));
      body.appendChild(el('h3', {}, 'Timeline'));
      const table = timeline(history.timeline);
      body.appendChild(sourceSwitches(table));
      body.appendChild(table);
      body.appendChild(el('h3', {}, 'Diagram'));
      history.diagram.forEach(diagram => body.appendChild(diagramOf(diagram)));
    })
    .catch(error => showError(body, error));
}

function timeline(entries) {
  const table = el('table', {className: 'table vigil-timeline'});
  table.appendChild(row('th', ['When', 'Source', 'Who', 'What', 'Details']));
  entries.forEach(entry => {
    const tr = row('td', [when(entry.at), entry.source, entry.actor, entry.what, '']);
    tr.className = 'vigil-source-' + entry.source;
    tr.lastChild.appendChild(value(entry.details));
    table.appendChild(tr);
  });
  return table;
}

// A check box per source: unticked, its lines are hidden (the variables are many).
function sourceSwitches(table) {
  const switches = el('div', {className: 'vigil-sources'}, 'Show: ');
  SOURCES.forEach(source => {
    const box = el('input', {type: 'checkbox', checked: true, name: source});
    box.addEventListener('change', () => table.classList.toggle('vigil-hide-' + source, !box.checked));
    switches.appendChild(el('label', {}, [box, ' ' + source]));
  });
  return switches;
}

// Any JSON value as text: a named value (a decision's input, a variable) as "name = value (the rest)",
// other objects as "key: value" pairs, lists item by item.
function value(data) {
  if (data === null || data === undefined || data === '') {
    return document.createTextNode('—');
  }
  if (Array.isArray(data)) {
    const list = el('ul', {className: 'vigil-values'});
    data.forEach(item => list.appendChild(el('li', {}, value(item))));
    return list;
  }
  if (typeof data === 'object' && 'name' in data && 'value' in data) {
    const {name, value: named, ...rest} = data;
    const others = Object.entries(rest).filter(([, item]) => item !== null && typeof item !== 'object');
    return el('span', {className: 'vigil-named'}, [el('b', {}, String(name)), ' = ', value(named),
      others.length ? ' (' + others.map(([key, item]) => key + ' ' + item).join(', ') + ')' : '']);
  }
  if (typeof data === 'object') {
    const entries = Object.entries(data);
    if (!entries.length) {
      return document.createTextNode('—');
    }
    const list = el('dl', {className: 'vigil-values'});
    entries.forEach(([key, item]) => {
      list.appendChild(el('dt', {}, key));
      list.appendChild(el('dd', {}, value(item)));
    });
    return list;
  }
  return document.createTextNode(String(data));
}

function diagramOf(diagram) {
  const figure = el('figure', {className: 'vigil-diagram'});
  const canvas = el('div', {className: 'vigil-canvas'});
  figure.appendChild(canvas);
  figure.appendChild(el('figcaption', {}, diagram.processDefinitionId + ', instance ' + diagram.processInstanceId
    + ': the activities it ran and the flows it took are marked (flows inferred from the order the activities ran in).'));
  viewer()
    .then(async BpmnViewer => {
      const bpmn = new BpmnViewer({container: canvas});
      await bpmn.importXML(diagram.bpmnXml);
      const drawing = bpmn.get('canvas');
      const registry = bpmn.get('elementRegistry');
      diagram.activitiesTaken.concat(diagram.flowsTaken)
        .filter(id => registry.get(id))
        .forEach(id => drawing.addMarker(id, TAKEN));
      drawing.zoom('fit-viewport');
    })
    .catch(error => showError(figure, error));
  return figure;
}

// bpmn-js's viewer (vendor/, copied from npm by the build) is loaded on the first diagram only.
let viewerLoading;

function viewer() {
  if (!viewerLoading) {
    stylesheet(new URL('vendor/assets/diagram-js.css', HERE).href);
    stylesheet(new URL('vendor/assets/bpmn-js.css', HERE).href);
    viewerLoading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = new URL('vendor/bpmn-navigated-viewer.production.min.js', HERE).href;
      script.onload = () => resolve(window.BpmnJS);
      script.onerror = () => reject(new Error('The diagram viewer did not load.'));
      document.head.appendChild(script);
    });
  }
  return viewerLoading;
}

// ---- small helpers ----

// The Cockpit session's cookie goes along; a refusal comes back as problem details (RFC 9457).
async function read(url) {
  const response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.detail || response.status + ' ' + response.statusText);
  }
  return body;
}

function showError(parent, error) {
  parent.appendChild(el('div', {className: 'alert alert-danger vigil-error'}, error.message));
}

// The auditor's local time, as Cockpit shows times (its footer names the zone): 2026-03-04 09:15:02.
function when(instant) {
  if (!instant) {
    return '';
  }
  const at = new Date(instant);
  const two = number => String(number).padStart(2, '0');
  return at.getFullYear() + '-' + two(at.getMonth() + 1) + '-' + two(at.getDate()) + ' '
    + two(at.getHours()) + ':' + two(at.getMinutes()) + ':' + two(at.getSeconds());
}

function row(cell, texts) {
  const tr = el('tr', {});
  texts.forEach(text => tr.appendChild(el(cell, {}, text)));
  return tr;
}

function input(name, text, type, attributes = {}) {
  const control = el('input', Object.assign({name, type, className: 'form-control input-sm'}, attributes));
  return {control, label: el('label', {className: 'vigil-field'}, [text, control])};
}

function select(name, text, options) {
  const control = el('select', {name, className: 'form-control input-sm'});
  ['', ...options].forEach(option => control.appendChild(el('option', {value: option}, option || 'any')));
  return {control, label: el('label', {className: 'vigil-field'}, [text, control])};
}

// An element with properties set and children appended: strings become text nodes, never markup.
function el(tag, properties, children) {
  const element = Object.assign(document.createElement(tag), properties);
  [].concat(children === undefined || children === null ? [] : children).forEach(child =>
    element.appendChild(child instanceof Node ? child : document.createTextNode(String(child))));
  return element;
}

function stylesheet(href) {
  if (!document.querySelector('link[href="' + href + '"]')) {
    document.head.appendChild(el('link', {rel: 'stylesheet', href}));
  }
}
