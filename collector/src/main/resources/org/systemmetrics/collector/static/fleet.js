// Lists a fleet's servers: asks /v1/fleet with the token as a bearer header and builds the table with text nodes only.
(function () {
  'use strict';
  var form = document.getElementById('token-form');
  var status = document.getElementById('status');
  var table = document.getElementById('servers');

  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = text;
    if (className) { td.className = className; }
    row.appendChild(td);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    status.textContent = 'Loading…';
    fetch('/v1/fleet', {headers: {'Authorization': 'Bearer ' + document.getElementById('token').value}})
      .then(function (response) {
        return response.json().then(function (body) { return {ok: response.ok, body: body}; });
      })
      .then(function (answer) {
        var body = table.querySelector('tbody');
        body.textContent = '';
        if (!answer.ok) {
          table.hidden = true;
          status.textContent = 'Refused: ' + answer.body.message;
          return;
        }
        answer.body.servers.forEach(function (s) {
          var row = document.createElement('tr');
          row.setAttribute('data-client-id', s.client_id);
          cell(row, s.client_id.substring(0, 8));
          cell(row, s.openfire_version || '');
          cell(row, s.nodes === undefined ? '' : String(s.nodes), 'n');
          cell(row, s.plugins.map(function (p) { return p.plugin + ' ' + p.version; }).join(', '));
          cell(row, s.transports.map(function (t) {
            return t.mechanism + (t.tls_policy ? ' (' + t.tls_policy + ')' : '');
          }).join(', '));
          cell(row, s.plain_text_client_connections ? 'yes' : 'no', s.plain_text_client_connections ? 'warn plain' : 'plain');
          cell(row, s.last_seen);
          cell(row, String(s.reports), 'n');
          body.appendChild(row);
        });
        table.hidden = false;
        status.textContent = answer.body.servers.length + ' servers in fleet ' + answer.body.fleet + '.';
      })
      .catch(function () { status.textContent = 'The collector did not answer.'; });
  });
})();
