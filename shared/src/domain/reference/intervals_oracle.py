"""Test oracle for intervals.reference.test.ts (not part of the product): the published formulas
(PHEindicatormethods R/Wilson.R, R/Byars.R, R/Rates.R; formulas only, GPL code not copied)
evaluated with mpmath at 50 digits and SciPy chi2.ppf. Run: python3 intervals_oracle.py"""
from mpmath import mp, mpf, sqrt, erfinv
from scipy.stats import norm, chi2
mp.dps = 50
def z(level): return mp.sqrt(2)*erfinv(mpf(level))  # qnorm(1-(1-level)/2)
print("z95", z(mpf('0.95')), norm.ppf(0.975))
print("z998", z(mpf('0.998')), norm.ppf(0.999))
def wilson(o,n,level):
    zz=z(mpf(level)); o=mpf(o); n=mpf(n)
    s = zz*sqrt(zz**2+4*o*(1-o/n))
    return ((2*o+zz**2-s)/(2*(n+zz**2)), (2*o+zz**2+s)/(2*(n+zz**2)))
def byar(o,level):
    zz=z(mpf(level)); o=mpf(o)
    return (o*(1-1/(9*o)-zz/(3*sqrt(o)))**3, (o+1)*(1-1/(9*(o+1))+zz/(3*sqrt(o+1)))**3)
def exact(o,level):
    a=1-level
    lo = 0.0 if o==0 else chi2.ppf(a/2, 2*o)/2
    hi = chi2.ppf(1-a/2, 2*o+2)/2
    return (lo,hi)
for (o,n) in [(0,1),(1,1),(0,10),(10,10),(1,2),(65,100),(3,7),(7,7),(0,263),(263,263),(1,1000),(999,1000)]:
    for lv in ('0.95','0.998'):
        l,u=wilson(o,n,lv)
        print(f"wilson {o}/{n} {lv}: {mp.nstr(l,10)} {mp.nstr(u,10)}")
for o in [10,11,19,20,50,100,816,1000]:
    for lv in ('0.95','0.998'):
        l,u=byar(o,lv); print(f"byar {o} {lv}: {mp.nstr(l,10)} {mp.nstr(u,10)}")
for o in [0,1,2,3,5,9]:
    for lv in (0.95,0.998):
        l,u=exact(o,lv); print(f"exact {o} {lv}: {l:.10g} {u:.10g}")
# rates per 10,000: Sandwell CLA 2025 816 / 88,593 (ref README); small count 7 / 85,255
for (o,p) in [(816,88593),(7,85255),(0,85255),(10,85255),(9,85255)]:
    for lv in ('0.95','0.998'):
        if o>=10: l,u=byar(o,lv)
        else: l,u=exact(o,float(lv))
        print(f"rate {o}/{p} {lv}: value {mpf(o)*10000/p} {mp.nstr(mpf(l)*10000/p,10)} {mp.nstr(mpf(u)*10000/p,10)}")
