# Python transcription of NHSRplotthedots (MIT licence, (c) NHS-R Community): R/ptd_spc_standard.R
# and ptd_special_cause_type() in R/ptd_calculate_point_type.R, used only as a test oracle (see
# gen_cases.py). Not part of the product; it needs Python 3 with numpy (for R's long-double mean).
import math
import numpy as np

def rmean(xs):
    # R's mean.default (summary.c): long-double sum, divide, then one correction pass
    n=len(xs); s=np.longdouble(0)
    for x in xs: s+=np.longdouble(x)
    s/=n
    t=np.longdouble(0)
    for x in xs: t+=np.longdouble(x)-s
    s+=t/n
    return float(s)
def sgn(x): return (x>0)-(x<0)
def spc(y, screen=True):
    n=len(y); mean=rmean(y)
    mr=[abs(y[i]-y[i-1]) for i in range(1,n)]
    amr=rmean(mr)
    if screen:
        kept=[m for m in mr if m < 3.267*amr]
        amr=rmean(kept) if kept else float('nan')
    limit=2.66; close=2*(limit/3)
    lpl=mean-limit*amr; upl=mean+limit*amr; nl=mean-close*amr; nu=mean+close*amr
    out=[int(v>upl or v<lpl) for v in y]
    rtm=[sgn(v-mean) for v in y]
    cl=[int((not out[i]) and (y[i]<nl or y[i]>nu)) for i in range(n)]
    return dict(mean=mean,lpl=lpl,upl=upl,out=out,rtm=rtm,close=cl,types=types(y,rtm,cl,out))
def seven_side(v):
    vp=[0]*6+v
    return [int(all(vp[i]==vp[i-k] for k in range(1,7)) and vp[i]!=0) for i in range(6,len(vp))]
def part7(v):
    vp=v+[0]*6
    return [int(any(abs(vp[i+k])==1 for k in range(7))) for i in range(len(v))]
def trend(y):
    if len(y)<7: return [0]*len(y)
    r=[0]*6
    for i in range(6,len(y)):
        d=[sgn(y[i-k]-y[i-k-1]) for k in range(6)]
        r.append(1 if all(x==1 for x in d) else -1 if all(x==-1 for x in d) else 0)
    return r
def two3(v,rtm):
    vp=[0,0]+v+[0,0]; rp=[0,0]+rtm+[0,0]
    return [int(any(sum(vp[i+a:i+a+3])>=2 and abs(sum(rp[i+a:i+a+3]))==3 for a in range(3))) for i in range(len(v))]
def types(y,rtm,cl,out):
    pt=part7(trend(y)); p23=[int(a==1 and abs(b)==1) for a,b in zip(two3(cl,rtm),cl)]; ps=part7(seven_side(rtm))
    sdy=[sgn(y[i+1]-y[i]) for i in range(len(y)-1)]
    n=len(y); res=[]
    for i in range(n):
        nxt = pt[i+1] if i+1<n else 0
        d = (sdy+[sdy[-1]] if sdy else [0])[i] if (nxt and pt[i]) else ([0]+sdy)[i]
        ab='above' if rtm[i]>0 else 'below'
        if out[i]: res.append('above_upper_limit' if rtm[i]==1 else 'below_lower_limit')
        elif pt[i]: res.append('trend_increasing' if d==1 else 'trend_decreasing')
        elif p23[i]: res.append('two_in_three_'+ab)
        elif ps[i]: res.append('run_'+ab)
        else: res.append('common_cause')
    return res
