import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  chiSquareCdf,
  chiSquareSurvival,
  logGamma,
  normalCdf,
  normalQuantile,
  regularizedGammaP,
  regularizedGammaQ,
} from '../../../src/stats/distributions.ts';
import { StatsInputError } from '../../../src/errors.ts';
import { assertClose } from '../../support/tolerance.ts';
import { readRReference } from '../../support/r-reference.ts';

const ref = readRReference().distributions;
// Distribution functions are held to 1e-12 relative (the statistics built on them to 1e-6); values below
// the smallest normal double (pnorm(-37.5) is subnormal, pnorm(-40) underflows to 0) get an absolute bound.
const TIGHT = { rel: 1e-12, abs: 1e-310 };

describe('normalCdf', () => {
  it('matches R pnorm from z = -40 to 6, including the far lower tail', () => {
    ref.normalCdf.x.forEach((z, i) =>
      assertClose(normalCdf(z), ref.normalCdf.value[i], TIGHT, `pnorm(${z})`),
    );
  });

  it('throws StatsInputError when z is NaN', () => {
    assert.throws(() => normalCdf(Number.NaN), StatsInputError);
  });
});

describe('normalQuantile', () => {
  it('matches R qnorm from p = 1e-300 to 1 - 1e-10', () => {
    ref.normalQuantile.p.forEach((p, i) =>
      assertClose(normalQuantile(p), ref.normalQuantile.value[i], TIGHT, `qnorm(${p})`),
    );
  });

  it('returns -Infinity and Infinity at 0 and 1 and rejects p outside [0, 1]', () => {
    assert.equal(normalQuantile(0), -Infinity);
    assert.equal(normalQuantile(1), Infinity);
    assert.throws(() => normalQuantile(1.5), /probability in \[0, 1\]/);
  });
});

describe('chiSquareCdf', () => {
  it('matches R pchisq lower tail', () => {
    ref.chiSquare.x.forEach((x, i) => {
      const df = ref.chiSquare.df[i];
      assertClose(chiSquareCdf(x, df), ref.chiSquare.lower[i], TIGHT, `pchisq(${x}, ${df})`);
    });
  });

  it('rejects df <= 0', () => {
    assert.throws(() => chiSquareCdf(1, 0), StatsInputError);
  });
});

describe('chiSquareSurvival', () => {
  it('matches R pchisq(lower.tail = FALSE) down to 1e-219', () => {
    ref.chiSquare.x.forEach((x, i) => {
      const df = ref.chiSquare.df[i];
      assertClose(chiSquareSurvival(x, df), ref.chiSquare.upper[i], TIGHT, `pchisq(${x}, ${df}, upper)`);
    });
  });
});

describe('logGamma', () => {
  it('gives ln of factorials and of Γ(1/2) = √π', () => {
    assertClose(logGamma(0.5), 0.5 * Math.log(Math.PI), TIGHT, 'lgamma(0.5)');
    assertClose(logGamma(11), Math.log(3628800), TIGHT, 'lgamma(11)');
    assertClose(logGamma(101), 363.73937555556347, TIGHT, 'lgamma(101)');
    // Near its zeros ln Γ is a difference of two values near 25: absolute, not relative, accuracy.
    assert.ok(Math.abs(logGamma(1)) < 1e-13 && Math.abs(logGamma(2)) < 1e-13);
  });

  it('throws StatsInputError when x <= 0', () => {
    assert.throws(() => logGamma(0), StatsInputError);
  });
});

describe('regularizedGammaP', () => {
  it('sums with regularizedGammaQ to 1 on both sides of the series/fraction switch', () => {
    for (const [a, x] of [
      [0.5, 0.2],
      [3, 3.9],
      [3, 4.1],
      [20, 35],
    ]) {
      assertClose(
        regularizedGammaP(a, x) + regularizedGammaQ(a, x),
        1,
        { rel: 1e-14, abs: 0 },
        `P+Q(${a}, ${x})`,
      );
    }
    assert.equal(regularizedGammaP(2, 0), 0);
    assert.equal(regularizedGammaQ(2, Infinity), 0);
  });
});
