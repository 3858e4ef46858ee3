// jsonata-js 2.0.6 over JSONata's own suite (shared/jsonata-suite): each case's expression
// parsed once and evaluated, the same cases crates/jsonata/benches/suite.rs measures.
//
// The cases: those jsonata-js evaluates without error, leaving out the suite's stress cases
// (the ones it runs under a time or depth limit). Their ids are written to cases.json for
// the Rust bench. Prints ns per case for evaluation and for parsing.
//
//   npm install && node bench.js [rounds]
const jsonata = require('jsonata');
const fs = require('fs');
const path = require('path');

const root = process.env.JSONATA_SUITE || path.join(__dirname, '../../../shared/jsonata-suite');
const rounds = Number(process.argv[2] || 20);

function load() {
  const cases = [];
  const datasets = {};
  for (const g of fs.readdirSync(path.join(root, 'groups')).sort()) {
    const dir = path.join(root, 'groups', g);
    for (const f of fs.readdirSync(dir).sort()) {
      if (!f.endsWith('.json')) continue;
      let list;
      try { list = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')); } catch (e) { continue; }
      if (!Array.isArray(list)) list = [list];
      list.forEach((c, i) => {
        if (c.timelimit || c.depth) return;
        const expr = c['expr-file'] ? fs.readFileSync(path.join(dir, c['expr-file']), 'utf8') : c.expr;
        let data;
        if ('data' in c) data = c.data;
        else if (c.dataset) data = datasets[c.dataset] ||
          (datasets[c.dataset] = JSON.parse(fs.readFileSync(path.join(root, 'datasets', c.dataset + '.json'), 'utf8')));
        cases.push({ id: `${g}/${f}#${i}`, expr, data, bindings: c.bindings || {} });
      });
    }
  }
  return cases;
}

(async () => {
  const all = load();
  const cases = [];
  for (const c of all) {
    try {
      c.compiled = jsonata(c.expr);
      await c.compiled.evaluate(c.data, c.bindings);
      cases.push(c);
    } catch (e) { /* an error case: not measured */ }
  }
  fs.writeFileSync(path.join(__dirname, 'cases.json'), JSON.stringify(cases.map(c => c.id)));

  const evaluateAll = async () => {
    for (const c of cases) await c.compiled.evaluate(c.data, c.bindings);
  };
  await evaluateAll(); await evaluateAll(); // warm-up
  let start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) await evaluateAll();
  const evalNs = Number(process.hrtime.bigint() - start) / rounds / cases.length;

  const parseAll = () => { for (const c of cases) jsonata(c.expr); };
  parseAll(); parseAll();
  start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) parseAll();
  const parseNs = Number(process.hrtime.bigint() - start) / rounds / cases.length;

  console.log(JSON.stringify({ cases: cases.length, evaluate_ns_per_case: Math.round(evalNs), parse_ns_per_case: Math.round(parseNs) }));
})();
