// jsonata-js 2.0.6's error (code, message, token, position) for every case of the suite that
// expects one, as JSON keyed by case id: the fixture crates/jsonata/tests/jsonata-js-errors.json.
// Run from bench/jsonata after `npm install`: node errors.js > ../../crates/jsonata/tests/jsonata-js-errors.json
const jsonata=require('jsonata');
const fs=require('fs'),path=require('path');
const root=process.argv[2]||require('path').join(__dirname,'../../../shared/jsonata-suite');
const out={};
function timebox(expr, timeout, maxDepth){ let depth=0; const time=Date.now();
 const check=()=>{ if(maxDepth>0&&depth>maxDepth) throw {code:'U1001',message:'Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.'};
  if(Date.now()-time>timeout) throw {code:'U1001',message:'Expression evaluation timeout: Check for infinite loop'}; };
 expr.assign(Symbol.for('jsonata.__evaluate_entry'),()=>{depth++;check()}); expr.assign(Symbol.for('jsonata.__evaluate_exit'),()=>{depth--;check()}); }
(async()=>{
for(const g of fs.readdirSync(root+'/groups').sort()){
 for(const f of fs.readdirSync(root+'/groups/'+g).sort()){ if(!f.endsWith('.json'))continue;
  let cs; try{cs=JSON.parse(fs.readFileSync(root+'/groups/'+g+'/'+f,'utf8'))}catch(e){continue}
  if(!Array.isArray(cs))cs=[cs];
  for(let i=0;i<cs.length;i++){const c=cs[i]; const code=c.code||(c.error&&c.error.code); if(!code)continue;
   const expr=c['expr-file']?fs.readFileSync(root+'/groups/'+g+'/'+c['expr-file'],'utf8'):c.expr;
   const data='data' in c?c.data:(c.dataset?JSON.parse(fs.readFileSync(root+'/datasets/'+c.dataset+'.json')):undefined);
   try{const e=jsonata(expr); if(c.timelimit||c.depth) timebox(e,c.timelimit,c.depth); await e.evaluate(data,c.bindings); out[`${g}/${f}#${i}`]={ok:true}}catch(x){out[`${g}/${f}#${i}`]={code:x.code,message:x.message,token:x.token===undefined?null:String(x.token),position:x.position===undefined?null:x.position}}
 }}}
console.log(JSON.stringify(out,null,1));})();
