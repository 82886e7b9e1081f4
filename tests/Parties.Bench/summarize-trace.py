"""On-CPU summary of a dotnet-trace sampled-thread-time trace converted to speedscope.

Usage: python3 summarize-trace.py trace.speedscope.json [substring ...]
Only samples whose leaf is CPU_TIME count (threads in a wait are left out); prints the share of on-CPU time by the
assembly of the running frame, the inclusive share of every frame whose name holds one of the substrings, and the
top frames by exclusive time.
"""
import json,sys,collections
d=json.load(open(sys.argv[1]))
frames=[f['name'] for f in d['shared']['frames']]
excl=collections.Counter(); incl=collections.Counter(); asm=collections.Counter(); total=0
def add(names,w):
    global total
    if not names or names[-1]!='CPU_TIME': return
    names=names[:-1]; total+=w
    excl[names[-1] if names else '?']+=w
    for n in set(names): incl[n]+=w
    # attribute to the deepest frame's assembly that is "ours or library"
    a=names[-1].split('!')[0] if names else '?'
    asm[a]+=w
for p in d['profiles']:
    if p['type']=='evented':
        stack=[];last=p['startValue']
        for e in p['events']:
            t=e['at']
            if stack: add([frames[s] for s in stack], t-last)
            last=t
            if e['type']=='O': stack.append(e['frame'])
            else: stack.pop()
print('on-CPU total',round(total))
print('--- by assembly of the leaf frame')
for n,v in asm.most_common(20): print(f'{100*v/total:5.1f}% {n}')
print('--- inclusive, selected')
keys=sys.argv[2:] 
for n,v in incl.most_common(400):
    if any(k in n for k in keys): print(f'{100*v/total:5.1f}% {n[:170]}')
print('--- exclusive top 25')
for n,v in excl.most_common(25): print(f'{100*v/total:5.1f}% {n[:170]}')
