// Broken expressions and what jsonata-js 2.0.6 says of them: each expression of the suite
// (under 200 characters) cut short, with a character taken out, or with a punctuation
// character put in, twice, at places drawn from a fixed seed; for those jsonata-js refuses,
// [expression, code, position]. The fixture crates/jsonata/tests/jsonata-js-mutations.json.
// Run from bench/jsonata after `npm install`:
//   node mutations.js > ../../crates/jsonata/tests/jsonata-js-mutations.json
const jsonata=require('jsonata');
const fs=require('fs'),path=require('path');
const root=process.argv[2]||require('path').join(__dirname,'../../../shared/jsonata-suite');
let seed=42; const rnd=()=>{seed=(seed*1103515245+12345)%2147483648; return seed/2147483648;};
const exprs=[];
for(const g of fs.readdirSync(root+'/groups').sort()) for(const f of fs.readdirSync(root+'/groups/'+g).sort()){ if(!f.endsWith('.json'))continue; let cs; try{cs=JSON.parse(fs.readFileSync(root+'/groups/'+g+'/'+f,'utf8'))}catch(e){continue} if(!Array.isArray(cs))cs=[cs]; for(const c of cs){ if(c.expr && c.expr.length<200) exprs.push(c.expr);} }
const out=[];
for(const e of exprs){ for(let m=0;m<2;m++){ let x; const i=Math.floor(rnd()*e.length);
  const kind=rnd(); if(kind<0.4) x=e.slice(0,i); else if(kind<0.8) x=e.slice(0,i)+e.slice(i+1); else x=e.slice(0,i)+"()[]{},;:.?$ "[Math.floor(rnd()*14)]+e.slice(i);
  if(!x.trim() || /[\ud800-\udfff]/.test(x)) continue;
  try{ jsonata(x); }catch(err){ out.push([x, err.code, err.position===undefined?null:err.position]); } } }
console.log('[' + out.map(e => JSON.stringify(e)).join(',\n') + ']');
