#!/usr/bin/env python3
# Usage: tools/c2-split.py <worker.jfr>...  (needs the JDK's `jfr` on the PATH)
"""C2 (tier 4) compile time of a worker JFR split into ours/other x first-time/recompile; top recompiled methods of ours."""
import json,collections,re,subprocess,sys
from datetime import datetime
def secs(s):
    m=re.match(r'PT(?:(\d+)M)?([\d.]+)?S?',s); return float(m.group(1) or 0)*60+float(m.group(2) or 0)
def ts(s): return datetime.fromisoformat(s[:26].replace('Z',''))
for f in sys.argv[1:]:
    out=subprocess.run(['jfr','print','--json','--events','jdk.Compilation',f],capture_output=True,text=True).stdout
    evs=[e['values'] for e in json.loads(out)['recording']['events'] if e['values']['compileLevel']==4]
    seen=collections.Counter(); tot=collections.Counter(); re_by=collections.Counter()
    for v in sorted(evs,key=lambda v:v['startTime']):
        m=v['method']; name=m['type']['name'].replace('/','.')+'.'+m['name']
        seen[name]+=1
        who='ours' if 'trainset' in name else 'other'
        kind='re' if seen[name]>1 else 'first'
        tot[who+'-'+kind]+=secs(v['duration'])
        if who=='ours' and kind=='re': re_by[name.replace('io.trainset.connect.','')]+=secs(v['duration'])
    print(f"{f}: C2 {sum(tot.values()):.2f} s; ours first {tot['ours-first']:.2f} re {tot['ours-re']:.2f}; other first {tot['other-first']:.2f} re {tot['other-re']:.2f}; compilations {len(evs)}")
    print('   ours recompiled: '+', '.join(f"{n} {t:.2f}" for n,t in re_by.most_common(8)))
