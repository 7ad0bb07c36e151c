// The book page's grader: a module Web Worker running the site's own Pyodide with
// no packages at all, plus the course's `exercises` wheel. It only moves text in
// and HTML out: all grading and rendering is the same Python the notebooks use.

const BRIDGE = `
import json
from exercises.render import grade_and_render_report
from exercises.widgets.logic import length_html, length_status


def iic_grade(kind, text, options_json):
    html, report = grade_and_render_report(kind, text, **json.loads(options_json))
    return json.dumps({"html": html, "report": report.to_dict() if report else None})


# The rehearsal and the contact map are imported on first use, so they add
# nothing to the time before the writing coaches are ready.
def iic_rehearse(action, payload_json):
    from exercises.practice import page as rehearsal_page

    p = json.loads(payload_json)
    sid = p.get("session", "")
    if action == "start":
        out = rehearsal_page.start(sid, p.get("persona", ""), p.get("minutes", 20), p.get("seed", 0))
    elif action == "ask":
        out = rehearsal_page.ask(sid, p.get("text", ""))
    else:
        out = rehearsal_page.end(sid)
    return json.dumps(out)


def iic_contacts(action, payload_json):
    from exercises.widgets import worksheet_logic as ws

    p = json.loads(payload_json)
    data = ws.normalise_contacts(p.get("data"))
    message = ""
    if action == "add":
        data, message = ws.add_contact(data, p.get("name", ""), p.get("circle", ""), p.get("note", ""))
    elif action == "first":
        data, message = ws.set_first_three(data, [n for n in p.get("chosen", []) if n])
    return json.dumps({"data": data, "names": ws.names(data), "html": ws.contacts_html(data),
                       "message": message})


def iic_count(kind, text, options_json):
    channel = json.loads(options_json).get("channel", "email")
    return length_html(length_status(text, kind, channel), kind, channel)
`;

let runtime = null;

function boot(config) {
  runtime ??= (async () => {
    const started = performance.now();
    // Fetch the course wheel while Pyodide compiles, not after.
    const wheel = fetch(config.wheelUrl).then((response) => {
      if (!response.ok) {
        throw new Error(`the course package could not be loaded (HTTP ${response.status})`);
      }
      return response.arrayBuffer();
    });
    wheel.catch(() => {}); // reported when awaited below
    const { loadPyodide } = await import(config.pyodideUrl + "pyodide.mjs");
    const pyodide = await loadPyodide({ indexURL: config.pyodideUrl, packages: [] });
    pyodide.unpackArchive(await wheel, "wheel");
    pyodide.runPython(BRIDGE);
    return {
      grade: pyodide.globals.get("iic_grade"),
      count: pyodide.globals.get("iic_count"),
      rehearse: pyodide.globals.get("iic_rehearse"),
      contacts: pyodide.globals.get("iic_contacts"),
      bootMs: performance.now() - started,
    };
  })();
  return runtime;
}

self.onmessage = async ({ data }) => {
  const { id, type } = data;
  try {
    const rt = await boot(data.config);
    if (type === "init") {
      self.postMessage({ id, type: "ready", bootMs: rt.bootMs });
    } else if (type === "grade") {
      const started = performance.now();
      const out = JSON.parse(rt.grade(data.kind, data.text, JSON.stringify(data.options)));
      self.postMessage({ id, type: "graded", ...out, gradeMs: performance.now() - started });
    } else if (type === "rehearse") {
      const out = JSON.parse(rt.rehearse(data.action, JSON.stringify(data.payload)));
      self.postMessage({ id, type: "rehearsed", ...out });
    } else if (type === "contacts") {
      const out = JSON.parse(rt.contacts(data.action, JSON.stringify(data.payload)));
      self.postMessage({ id, type: "mapped", ...out });
    } else if (type === "count") {
      const html = rt.count(data.kind, data.text, JSON.stringify(data.options));
      self.postMessage({ id, type: "counted", html });
    } else {
      throw new Error(`unknown request ${type}`);
    }
  } catch (err) {
    self.postMessage({ id, type: "error", message: String((err && err.message) || err) });
  }
};
