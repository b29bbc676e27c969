#!/usr/bin/env python3
"""Counts the string literals of C sources that hold Chinese or Vietnamese text (comments excluded): language words belong in data/, not in C.

   tools/count-literals.py [DIR]   (default src)"""
import re,sys,os
root=sys.argv[1] if len(sys.argv)>1 else 'src'
tot=0
def strip_comments(s):
    out=[];i=0;n=len(s)
    while i<n:
        if s.startswith('//',i):
            j=s.find('\n',i); i=n if j<0 else j
        elif s.startswith('/*',i):
            j=s.find('*/',i+2); seg=s[i:(n if j<0 else j+2)]; out.append('\n'*seg.count('\n')); i=n if j<0 else j+2
        elif s[i]=='"':
            j=i+1
            while j<n and s[j]!='"':
                j+= 2 if s[j]=='\\' else 1
            out.append(s[i:j+1]); i=j+1
        elif s[i]=="'":
            j=i+1
            while j<n and s[j]!="'":
                j+= 2 if s[j]=='\\' else 1
            out.append(s[i:j+1]); i=j+1
        else:
            out.append(s[i]); i+=1
    return ''.join(out)
def zhvi(lit):
    for ch in lit:
        o=ord(ch)
        if 0x3000<=o<=0x9fff or 0xff00<=o<=0xffef or 0x1e00<=o<=0x1eff or ch in 'ăâđêôơưĂÂĐÊÔƠƯàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ': return True
    return False
per={}
for d,_,fs in os.walk(root):
    for f in fs:
        if not f.endswith(('.c','.h','.cc')): continue
        p=os.path.join(d,f); s=strip_comments(open(p,encoding='utf-8',errors='replace').read())
        for lit in re.findall(r'"(?:[^"\\\n]|\\.)*"',s):
            if zhvi(lit): per[p]=per.get(p,0)+1
for p in sorted(per): print(per[p],p)
print('total',sum(per.values()))
