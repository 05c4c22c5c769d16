"""The Python peer of `descatter emsc`, measured on this machine: biospectools' MeEMSC on the 60 measured spectra.

Times the peer (one core: run with OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 NUMEXPR_MAX_THREADS=1) with the MATLAB
stop rule and 45 iterations at most, the settings `descatter bench emsc` uses, and, given descatter's output for the
same spectra (`descatter emsc --return best`, biospectools' returned iterate), compares the two: the largest
difference of the corrected spectra and the iteration counts.

Needs numpy, scipy, scikit-learn, numexpr and biospectools on the Python path (pip install biospectools). Usage:

    python3 biospectools_peer.py [--passes N] [--compare CORRECTED.csv PARAMS.csv]

Not part of the build: descatter's tests never run Python. docs/EMSC.md records what it measured.
"""
import argparse
import csv
import time

import numpy as np
from biospectools.preprocessing import MeEMSC

DATA = '../shared/data/memsc/'


class MatlabStop:
    """The MATLAB stop rule (ME-EMSC.md §6) with biospectools' criterion interface; the best iterate is the one with
    the lowest unrounded RMSE (biospectools' choice)."""

    def __init__(self, max_iter):
        self.max_iter = max_iter
        self.reset()

    def reset(self):
        self.scores, self.values, self.best_idx = [], [], 0

    def add(self, score, value=None):
        self.scores.append(score)
        self.values.append(value)
        if score < self.scores[self.best_idx]:
            self.best_idx = len(self.scores) - 1

    def __bool__(self):
        n = len(self.scores)
        if n == self.max_iter:
            return True
        if n <= 2:
            return False
        pp, p, r = [np.round(s, 4) for s in self.scores[-3:]]  # numpy rounds half to even, as the ports
        return bool(r > p or pp - r <= np.finfo(float).eps)

    @property
    def best_value(self):
        return self.values[self.best_idx]

    @property
    def best_score(self):
        return self.scores[self.best_idx]

    @property
    def best_iter(self):
        return self.best_idx + 1


def wide(path):
    rows = list(csv.reader(open(path)))
    spectral = [i for i, name in enumerate(rows[0]) if name.replace('.', '', 1).isdigit()]
    axis = np.array([float(rows[0][i]) for i in spectral])
    return axis, np.array([[float(r[i]) for i in spectral] for r in rows[1:]])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--passes', type=int, default=1)
    parser.add_argument('--compare', nargs=2, metavar=('CORRECTED', 'PARAMS'))
    args = parser.parse_args()

    axis, spectra = wide(DATA + 'measured_spectra.csv')
    reference = np.loadtxt(DATA + 'matrigel_reference.csv', delimiter=',', skiprows=1)
    order = np.argsort(reference[:, 0])
    # divided by its own maximum, then interpolated onto the data axis (ME-EMSC.md §6)
    r0 = np.interp(axis, reference[order, 0], reference[order, 1]) / reference[:, 1].max()

    for p in range(args.passes):
        peer = MeEMSC(reference=r0.copy(), wavenumbers=axis, max_iter=45)
        peer.stop_criterion = MatlabStop(45)
        iterations = []
        cpu0, wall0 = time.process_time(), time.perf_counter()
        corrected = []
        for spectrum in spectra:
            corrected.append(peer.transform(spectrum[None])[0])
            iterations.append(len(peer.stop_criterion.scores))
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        n, total = len(spectra), sum(iterations)
        print(f'biospectools pass {p + 1}: {1000 * cpu / n:.1f} CPU-ms per spectrum ({1000 * wall / n:.1f} wall), '
              f'{total / n:.2f} iterations per spectrum, {1000 * cpu / total:.2f} CPU-ms per iteration', flush=True)

    if args.compare:
        _, ours = wide(args.compare[0])
        counts = [int(float(row['emsc_iterations'])) for row in csv.DictReader(open(args.compare[1]))]
        difference = np.abs(ours - np.array(corrected)).max(axis=1)
        same = sum(a == b for a, b in zip(counts, iterations))
        print(f'descatter vs biospectools: iteration counts equal for {same} of {n} spectra; corrected spectra differ '
              f'by at most {difference.max():.2e} (median {np.median(difference):.2e}), values up to '
              f'{np.abs(ours).max():.2f}')


if __name__ == '__main__':
    main()
