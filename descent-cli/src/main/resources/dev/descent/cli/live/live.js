// The live view of a Descent training run: receives snapshots from /events (server-sent
// events), redraws the training-progress plot on canvases and fills the information panel.
// The Stop button posts to /stop with the run's token from the page's meta tag.
'use strict';

(function () {
  var token = document.querySelector('meta[name="descent-token"]').content;
  var chart = document.getElementById('chart');
  var info = document.getElementById('info');
  var stopButton = document.getElementById('stop');
  var statusLine = document.getElementById('status');
  var connection = document.getElementById('connection');
  var state = {
    layout: null, rows: [], status: '', running: false, finished: false,
    stopRequested: false, elapsed: 0, receivedAt: 0, canvases: [], pending: false,
    stopping: false, gone: false
  };
  var source = null;
  var failures = 0;
  var MAX_FAILURES = 5;

  function connect() {
    source = new EventSource('/events');
    source.addEventListener('open', function () {
      failures = 0;
      say('Connected to Descent at ' + location.host + '.');
    });
    source.addEventListener('progress', function (event) {
      receive(JSON.parse(event.data));
    });
    source.addEventListener('end', function () {
      source.close();
      say('Training has ended; this page keeps its final state after Descent exits.');
    });
    source.addEventListener('error', function () {
      if (state.finished) {
        source.close();
        return;
      }
      failures++;
      if (failures >= MAX_FAILURES) {
        source.close();
        state.gone = true;
        state.running = false;
        say('Descent is no longer running; the page shows the last state it received.');
        update();
      } else {
        say('Connection to Descent lost; trying again.');
      }
    });
  }

  function say(text) {
    connection.textContent = text;
  }

  function receive(event) {
    if (event.from === 0) {
      state.rows = [];
      state.layout = event.layout || null;
    } else if (event.from !== state.rows.length) {
      // Out of step (should not happen): start again from the first row.
      source.close();
      connect();
      return;
    }
    for (var i = 0; i < event.rows.length; i++) {
      state.rows.push(event.rows[i]);
    }
    state.status = event.status;
    state.running = event.running;
    state.finished = event.finished;
    state.stopRequested = event.stopRequested;
    state.elapsed = event.elapsed;
    state.receivedAt = Date.now();
    showInfo(event.info);
    update();
  }

  function update() {
    document.body.dataset.state = state.finished ? 'finished'
        : state.gone ? 'gone' : state.running ? 'running' : 'waiting';
    statusLine.textContent = state.gone && !state.finished
        ? state.status + ' (Descent has exited)' : state.status;
    if (state.layout) {
      document.getElementById('title').textContent = state.layout.title;
      document.title = 'Descent: ' + state.layout.title;
    }
    var canStop = state.running && !state.finished && !state.gone
        && !state.stopRequested && !state.stopping;
    stopButton.disabled = !canStop;
    stopButton.textContent = state.finished || state.gone ? 'Training ended'
        : state.stopRequested || state.stopping ? 'Stopping' : 'Stop training';
    chart.dataset.points = String(state.rows.length);
    scheduleDraw();
  }

  function showInfo(sections) {
    // The same rows as before (the usual case): change their text in place.
    var shape = JSON.stringify(sections.map(function (section) {
      return [section.title, section.rows.map(function (row) { return row[0]; })];
    }));
    if (shape === info.dataset.shape) {
      sections.forEach(function (section) {
        section.rows.forEach(function (row) {
          var value = document.getElementById('info-' + row[0]);
          value.previousElementSibling.textContent = row[1];
          value.textContent = row[2];
          value.className = textClass(row[2]);
        });
      });
      return;
    }
    info.dataset.shape = shape;
    var fragment = document.createDocumentFragment();
    sections.forEach(function (section) {
      var heading = document.createElement('h2');
      heading.textContent = section.title;
      var list = document.createElement('dl');
      section.rows.forEach(function (row) {
        var term = document.createElement('dt');
        term.textContent = row[1];
        var value = document.createElement('dd');
        value.id = 'info-' + row[0];
        value.textContent = row[2];
        value.className = textClass(row[2]);
        var line = document.createElement('div');
        line.appendChild(term);
        line.appendChild(value);
        list.appendChild(line);
      });
      fragment.appendChild(heading);
      fragment.appendChild(list);
    });
    info.replaceChildren(fragment);
  }

  // A value longer than a short phrase (the diagnosis, its reading and remedy) is set as a
  // paragraph under its label rather than right-aligned beside it.
  function textClass(value) {
    return value.length > 40 ? 'text' : '';
  }

  // Between events the elapsed time keeps counting on the page's own clock.
  setInterval(function () {
    var element = document.getElementById('info-elapsed');
    if (element && state.running && !state.finished && !state.gone) {
      element.textContent = clock(state.elapsed + (Date.now() - state.receivedAt) / 1000);
    }
  }, 1000);

  function clock(seconds) {
    var whole = Math.max(0, Math.floor(seconds));
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return two(Math.floor(whole / 3600)) + ':' + two(Math.floor(whole / 60) % 60) + ':'
        + two(whole % 60);
  }

  stopButton.addEventListener('click', function () {
    state.stopping = true;
    update();
    fetch('/stop', { method: 'POST', headers: { 'X-Descent-Token': token }, cache: 'no-store' })
      .then(function (response) {
        if (!response.ok && response.status !== 409) {
          state.stopping = false;
          say('Stop was refused (' + response.status + ').');
          update();
        }
      })
      .catch(function () {
        state.stopping = false;
        say('Stop could not reach Descent.');
        update();
      });
  });

  // ---- drawing ----

  function scheduleDraw() {
    if (!state.pending) {
      state.pending = true;
      requestAnimationFrame(function () {
        state.pending = false;
        draw();
      });
    }
  }

  window.addEventListener('resize', scheduleDraw);

  function draw() {
    var layout = state.layout;
    if (!layout) {
      if (!chart.querySelector('.empty')) {
        chart.replaceChildren();
        var waiting = document.createElement('p');
        waiting.className = 'empty';
        waiting.textContent = 'The plot appears when training starts.';
        chart.appendChild(waiting);
      }
      return;
    }
    if (state.canvases.length !== layout.panels.length || !state.canvases[0].isConnected) {
      chart.replaceChildren();
      state.canvases = layout.panels.map(function () {
        var canvas = document.createElement('canvas');
        chart.appendChild(canvas);
        return canvas;
      });
    }
    var xMax = Math.max(layout.xMin, 1);
    if (state.rows.length > 0) {
      xMax = Math.max(xMax, state.rows[state.rows.length - 1][0]);
    }
    var left = 0;
    var contexts = state.canvases.map(function (canvas) {
      var ratio = window.devicePixelRatio || 1;
      var width = canvas.clientWidth;
      var height = canvas.clientHeight;
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      var g = canvas.getContext('2d');
      g.setTransform(ratio, 0, 0, ratio, 0, 0);
      g.font = '12px system-ui, sans-serif';
      return { g: g, width: width, height: height };
    });
    var axes = layout.panels.map(function (panel, p) {
      var a = yAxis(panel);
      left = Math.max(left, a.labelWidth(contexts[p].g) + 50);
      return a;
    });
    layout.panels.forEach(function (panel, p) {
      var c = contexts[p];
      var area = { x: left, y: 30, w: c.width - left - 18, h: c.height - 30 - 42 };
      drawPanel(c.g, c.width, c.height, area, panel, axes[p], xMax, layout, p === 0);
    });
  }

  function columnValues(column) {
    var values = [];
    for (var i = 0; i < state.rows.length; i++) {
      var v = state.rows[i][column];
      if (v !== null && isFinite(v)) {
        values.push(v);
      }
    }
    return values;
  }

  function yAxis(panel) {
    var low = Infinity;
    var high = -Infinity;
    panel.series.forEach(function (series) {
      columnValues(series.column).forEach(function (v) {
        if (!panel.log || v > 0) {
          low = Math.min(low, v);
          high = Math.max(high, v);
        }
      });
    });
    var axis;
    if (panel.log) {
      if (!(low <= high)) {
        low = 0.1;
        high = 1;
      }
      var top = Math.pow(10, Math.ceil(Math.log10(high)));
      var bottom = Math.pow(10, Math.floor(Math.log10(low)));
      if (bottom >= top) {
        bottom = top / 10;
      }
      axis = { low: bottom, high: top, log: true, ticks: [] };
      for (var e = Math.log10(bottom); e <= Math.log10(top) + 1e-9; e++) {
        axis.ticks.push(Math.pow(10, e));
      }
    } else {
      var from = Math.min(0, isFinite(low) ? low : 0);
      var to = isFinite(high) ? high : 1;
      to = panel.percent ? Math.max(105, to) : (to > from ? niceCeiling(to) : from + 1);
      axis = { low: from, high: to, log: false, ticks: niceTicks(from, to, 6) };
    }
    axis.label = function (v) {
      if (axis.log) {
        return v >= 1e-3 && v < 1e4 ? String(+v.toPrecision(3)) : v.toExponential(0);
      }
      var step = axis.ticks.length > 1 ? axis.ticks[1] - axis.ticks[0] : 1;
      var digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
      return v.toFixed(Math.min(digits, 6));
    };
    axis.labelWidth = function (g) {
      return Math.max.apply(null, axis.ticks.map(function (t) {
        return g.measureText(axis.label(t)).width;
      }).concat([0]));
    };
    return axis;
  }

  function niceCeiling(value) {
    var power = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * power >= value * (1 - 1e-12)) {
        return steps[i] * power;
      }
    }
    return 10 * power;
  }

  function niceStep(span, count) {
    var raw = span / count;
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * power >= raw) {
        return steps[i] * power;
      }
    }
    return 10 * power;
  }

  function niceTicks(low, high, count) {
    var step = niceStep(high - low, count);
    var ticks = [];
    for (var v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) {
      ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    }
    return ticks;
  }

  function drawPanel(g, width, height, area, panel, axis, xMax, layout, first) {
    g.clearRect(0, 0, width, height);
    function sx(x) { return area.x + area.w * x / xMax; }
    function sy(y) {
      var t = axis.log ? (Math.log10(y) - Math.log10(axis.low))
          / (Math.log10(axis.high) - Math.log10(axis.low))
          : (y - axis.low) / (axis.high - axis.low);
      return area.y + area.h * (1 - t);
    }

    // Alternate epochs on a grey band, labelled in the first panel when they fit.
    var band = layout.bands > 0 ? area.w * layout.bands / xMax : 0;
    if (band >= 8) {
      g.fillStyle = '#eeeeee';
      var epochs = Math.ceil(xMax / layout.bands);
      for (var e = 1; e <= epochs; e += 2) {
        var from = area.x + (e - 1) * band;
        g.fillRect(from, area.y, Math.min(band, area.x + area.w - from), area.h);
      }
      if (first) {
        var words = g.measureText('Epoch ' + epochs).width + 8 <= band;
        var stride = words ? 1 : niceStride((g.measureText(String(epochs)).width + 8) / band);
        g.fillStyle = '#6e6e6e';
        g.textAlign = 'center';
        g.textBaseline = 'bottom';
        for (var k = stride; k <= epochs; k += stride) {
          var text = words ? 'Epoch ' + k : String(k);
          var center = area.x + (k - 0.5) * band;
          var half = g.measureText(text).width / 2;
          if (center - half >= area.x && center + half <= area.x + area.w) {
            g.fillText(text, center, area.y + area.h - 4);
          }
        }
      }
    }

    // Grid and tick labels.
    g.strokeStyle = '#d7d7d7';
    g.lineWidth = 1;
    g.fillStyle = '#333333';
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    axis.ticks.forEach(function (t) {
      var y = Math.round(sy(t)) + 0.5;
      line(g, area.x, y, area.x + area.w, y);
      g.fillText(axis.label(t), area.x - 6, y);
    });
    g.textAlign = 'center';
    g.textBaseline = 'top';
    niceTicks(0, xMax, Math.max(2, Math.floor(area.w / 90))).forEach(function (t) {
      var x = Math.round(sx(t)) + 0.5;
      line(g, x, area.y, x, area.y + area.h);
      g.fillText(String(+t.toPrecision(6)), x, area.y + area.h + 5);
    });
    g.strokeStyle = '#8c8c8c';
    g.strokeRect(area.x + 0.5, area.y + 0.5, area.w, area.h);

    // Axis titles.
    g.fillStyle = '#1f2328';
    g.font = '13px system-ui, sans-serif';
    g.textAlign = 'center';
    g.textBaseline = 'bottom';
    g.fillText(layout.xLabel, area.x + area.w / 2, height - 4);
    g.save();
    g.translate(14, area.y + area.h / 2);
    g.rotate(-Math.PI / 2);
    g.textBaseline = 'top';
    g.fillText(panel.title, 0, -8);
    g.restore();
    g.font = '12px system-ui, sans-serif';

    // Series, clipped to the plot.
    g.save();
    g.beginPath();
    g.rect(area.x, area.y, area.w, area.h);
    g.clip();
    var shown = [];
    panel.series.forEach(function (series) {
      if (drawSeries(g, series, axis, sx, sy)) {
        shown.push(series);
      }
    });
    g.restore();
    finalPoint(g, panel, axis, sx, sy, area);
    legend(g, shown, area);
  }

  function niceStride(minimum) {
    for (var power = 1; ; power *= 10) {
      var steps = [1, 2, 5];
      for (var i = 0; i < steps.length; i++) {
        if (steps[i] * power >= minimum) {
          return steps[i] * power;
        }
      }
    }
  }

  function line(g, x1, y1, x2, y2) {
    g.beginPath();
    g.moveTo(x1, y1);
    g.lineTo(x2, y2);
    g.stroke();
  }

  function usable(value, axis) {
    return value !== null && isFinite(value) && (!axis.log || value > 0);
  }

  /** Draws one series; returns whether it had any point. */
  function drawSeries(g, series, axis, sx, sy) {
    var rows = state.rows;
    var validation = series.style === 'validation';
    g.save();
    g.strokeStyle = series.color;
    g.lineWidth = series.style === 'raw' ? 1 : 1.4;
    if (series.style === 'raw') {
      g.globalAlpha = 0.25;
    }
    if (validation) {
      g.setLineDash([6, 4]);
    }
    g.beginPath();
    var drawing = false;
    var points = 0;
    var last = null;
    for (var i = 0; i < rows.length; i++) {
      var v = rows[i][series.column];
      if (!usable(v, axis)) {
        // Validation points are joined across the rows without one; other gaps break.
        if (!validation) {
          drawing = false;
        }
        continue;
      }
      var x = sx(rows[i][0]);
      var y = sy(v);
      if (drawing) {
        g.lineTo(x, y);
      } else {
        g.moveTo(x, y);
        drawing = true;
      }
      points++;
      last = [x, y];
    }
    g.stroke();
    g.setLineDash([]);
    // Circles on the validation points while they are at least 5 pixels apart on average.
    if (validation && points > 0 && (sx(rows[rows.length - 1][0]) - sx(0)) / points >= 5) {
      g.fillStyle = series.color;
      for (var j = 0; j < rows.length; j++) {
        var w = rows[j][series.column];
        if (usable(w, axis)) {
          g.beginPath();
          g.arc(sx(rows[j][0]), sy(w), 2.6, 0, 2 * Math.PI);
          g.fill();
        }
      }
    } else if (series.style === 'raw' && last) {
      g.fillStyle = series.color;
      g.beginPath();
      g.arc(last[0], last[1], 3, 0, 2 * Math.PI);
      g.fill();
    }
    g.restore();
    return points > 0;
  }

  /** When training has ended: the last validation value, marked and labelled "Final". */
  function finalPoint(g, panel, axis, sx, sy, area) {
    if (!state.finished || state.rows.length === 0) {
      return;
    }
    panel.series.forEach(function (series) {
      if (series.style !== 'validation') {
        return;
      }
      var row = state.rows[state.rows.length - 1];
      var v = row[series.column];
      if (!usable(v, axis)) {
        return;
      }
      var x = sx(row[0]);
      var y = sy(v);
      g.fillStyle = series.color;
      g.strokeStyle = '#ffffff';
      g.beginPath();
      g.arc(x, y, 4.5, 0, 2 * Math.PI);
      g.fill();
      g.stroke();
      var text = 'Final ' + (panel.percent ? v.toFixed(2) + '%' : v.toFixed(4));
      g.font = 'bold 12px system-ui, sans-serif';
      var width = g.measureText(text).width;
      var left = x - width - 10 < area.x + 2 ? x + 10 : x - width - 10;
      var top = y - 22 < area.y + 2 ? y + 8 : y - 22;
      g.fillStyle = 'rgba(255, 255, 255, 0.85)';
      g.fillRect(left - 3, top, width + 6, 16);
      g.fillStyle = series.color;
      g.textAlign = 'left';
      g.textBaseline = 'top';
      g.fillText(text, left, top + 2);
      g.font = '12px system-ui, sans-serif';
    });
  }

  function legend(g, shown, area) {
    g.textAlign = 'left';
    g.textBaseline = 'middle';
    var x = area.x + area.w;
    var y = area.y - 14;
    for (var i = shown.length - 1; i >= 0; i--) {
      var series = shown[i];
      var width = g.measureText(series.name).width;
      x -= width;
      g.fillStyle = '#333333';
      g.fillText(series.name, x, y);
      x -= 30;
      g.save();
      g.strokeStyle = series.color;
      g.fillStyle = series.color;
      g.lineWidth = series.style === 'raw' ? 1 : 1.6;
      if (series.style === 'raw') {
        g.globalAlpha = 0.4;
      }
      if (series.style === 'validation') {
        g.setLineDash([5, 3]);
      }
      line(g, x, y, x + 24, y);
      if (series.style === 'validation') {
        g.beginPath();
        g.arc(x + 12, y, 2.6, 0, 2 * Math.PI);
        g.fill();
      }
      g.restore();
      x -= 18;
    }
  }

  update();
  connect();
}());
