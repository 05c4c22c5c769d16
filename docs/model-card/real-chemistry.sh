#!/usr/bin/env bash
# Reproduces the real-chemistry figures of docs/MODEL.md ("Real chemistry", "Refinement", "Confidence", and the
# cross-validation by cell of "Adapting to your own data") from the team's validation data, which stays where it is
# (../shared/data/memsc; never copied into the project, never trained on by the shipped model).
#
#   mvn -B -q -DskipTests package && bash docs/model-card/real-chemistry.sh [WORK_DIR] [--no-cv]
#
# Each set is scored as correct writes it by default (the band-free baseline subtracted) and, in the folders ending
# in _none, with --baseline none (the network's output as it is).
# WORK_DIR (default target/real-chemistry) receives every output and report; the last lines print one table of mean r
# and band-ratio agreement per set and correction (with python3; else read WORK_DIR/*/report.md). About 2 minutes on
# 2 cores, plus about 6 for the cross-validation by cell (two adapt runs); --no-cv leaves it out.
set -euo pipefail
cd "$(dirname "$0")/../.."
S=${DESCATTER_VALIDATION:-../shared/data/memsc}
W=${1:-target/real-chemistry}
CV=yes
for a in "$@"; do [ "$a" = "--no-cv" ] && CV=no; done
[ "${W#--}" != "$W" ] && W=target/real-chemistry
if [ ! -f "$S/measured_spectra.csv" ] || [ ! -f "$S/matrigel_reference.csv" ]; then
  echo "real-chemistry.sh: needs the validation data $S/measured_spectra.csv and matrigel_reference.csv (absent here;" \
       "set DESCATTER_VALIDATION to their folder)" >&2
  exit 2
fi
J="java -jar target/descatter.jar"
REF=$S/matrigel_reference.csv
mkdir -p "$W"
q() { "$@" >/dev/null 2>"$W/last.err" || { cat "$W/last.err" >&2; exit 1; }; }

echo "set (1): the cells' ME-EMSC output as truth, re-distorted by the simulator's physics" >&2
q $J emsc --reference "$REF" "$S/measured_spectra.csv" -o "$W/cells_emsc.csv"
q $J simulate --n 600 --seed 99 --templates "$W/cells_emsc.csv" --atmosphere 0.3 --size-spread 0.15 \
    -o "$W/semi_raw.csv" --truth "$W/semi_truth.csv"
q $J evaluate --raw "$W/semi_raw.csv" --truth "$W/semi_truth.csv" -o "$W/set1_network"
q $J evaluate --refine --raw "$W/semi_raw.csv" --truth "$W/semi_truth.csv" -o "$W/set1_refined"
q $J evaluate --fallback memsc --reference "$REF" --raw "$W/semi_raw.csv" --truth "$W/semi_truth.csv" -o "$W/set1_fallback"
q $J evaluate --baseline none --raw "$W/semi_raw.csv" --truth "$W/semi_truth.csv" -o "$W/set1_network_none"
q $J evaluate --baseline none --refine --raw "$W/semi_raw.csv" --truth "$W/semi_truth.csv" -o "$W/set1_refined_none"
q $J evaluate --baseline none --fallback memsc --reference "$REF" --raw "$W/semi_raw.csv" --truth "$W/semi_truth.csv" \
    -o "$W/set1_fallback_none"

echo "(2): the 60 measured cells against ME-EMSC (Matrigel reference)" >&2
q $J evaluate --raw "$S/measured_spectra.csv" --memsc --reference "$REF" -o "$W/cells_network"
q $J evaluate --refine --raw "$S/measured_spectra.csv" --memsc --reference "$REF" -o "$W/cells_refined"
q $J evaluate --baseline none --raw "$S/measured_spectra.csv" --memsc --reference "$REF" -o "$W/cells_network_none"
q $J evaluate --baseline none --refine --raw "$S/measured_spectra.csv" --memsc --reference "$REF" -o "$W/cells_refined_none"

if [ "$CV" = yes ]; then
  echo "cross-validation by cell: adapt on cells 1-6, score on 7-12, and the reverse" >&2
  # the halves, with the cell (SKMES_<cell>_<aperture>) as a column for adapt's held-out cell
  awk -F, -v OFS=, 'NR == 1 { $1 = "id,cell"; print > "'"$W"'/cells1-6.csv"; print > "'"$W"'/cells7-12.csv"; next }
      { split($1, p, "_"); c = p[2] + 0; line = $1 "," c; for (i = 2; i <= NF; i++) line = line "," $i
        print line > ("'"$W"'/cells" (c <= 6 ? "1-6" : "7-12") ".csv") }' "$S/measured_spectra.csv"
  for h in 1-6 7-12; do
    q $J emsc --reference "$REF" "$W/cells$h.csv" -o "$W/emsc$h.csv"
    q $J simulate --templates "$W/emsc$h.csv" --n 600 --seed 77 -o "$W/semi$h.raw.csv" --truth "$W/semi$h.truth.csv"
  done
  for pair in "1-6 7-12" "7-12 1-6"; do
    set -- $pair
    q $J adapt --raw "$W/cells$1.csv" --reference "$REF" --group-column cell --threads 2 -o "$W/adapted$1.zip"
    q $J evaluate --model "$W/adapted$1.zip" --raw "$W/cells$2.csv" --memsc --reference "$REF" -o "$W/cv$1_cells_adapted"
    q $J evaluate --refine --model "$W/adapted$1.zip" --raw "$W/cells$2.csv" --memsc --reference "$REF" -o "$W/cv$1_cells_refined"
    q $J evaluate --baseline none --model "$W/adapted$1.zip" --raw "$W/cells$2.csv" --memsc --reference "$REF" \
        -o "$W/cv$1_cells_adapted_none"
    q $J evaluate --baseline none --refine --model "$W/adapted$1.zip" --raw "$W/cells$2.csv" --memsc --reference "$REF" \
        -o "$W/cv$1_cells_refined_none"
    q $J evaluate --model "$W/adapted$1.zip" --raw "$W/semi$2.raw.csv" --truth "$W/semi$2.truth.csv" -o "$W/cv$1_semi_adapted"
    q $J evaluate --refine --model "$W/adapted$1.zip" --raw "$W/semi$2.raw.csv" --truth "$W/semi$2.truth.csv" -o "$W/cv$1_semi_refined"
    q $J evaluate --baseline none --model "$W/adapted$1.zip" --raw "$W/semi$2.raw.csv" --truth "$W/semi$2.truth.csv" \
        -o "$W/cv$1_semi_adapted_none"
    q $J evaluate --baseline none --refine --model "$W/adapted$1.zip" --raw "$W/semi$2.raw.csv" --truth "$W/semi$2.truth.csv" \
        -o "$W/cv$1_semi_refined_none"
  done
fi
rm -f "$W/last.err"

if command -v python3 >/dev/null 2>&1; then
  python3 - "$W" <<'PY'
import json, os, sys
w = sys.argv[1]
cols = [("phosphate_amideI_abs_log", "phosph."), ("ch_stretch_amideI_abs_log", "C-H"), ("amideII_amideI_abs_log", "amide II"),
        ("ester_amideI_abs_diff", "ester"), ("ch2_ch3_asym_abs_log", "CH2/CH3"), ("phosphate_1080_1240_abs_log", "1080/1240"),
        ("glycogen_1025_1080_abs_log", "glyc.")]
print("| report | against | r | " + " | ".join(c[1] for c in cols) + " |")
print("|---|---|---|" + "---|" * len(cols))
for d in sorted(os.listdir(w)):
    f = os.path.join(w, d, "evaluation.json")
    if not os.path.isfile(f):
        continue
    j = json.load(open(f))
    key, ref = ("networkVsTruth", "vsTruth") if "networkVsTruth" in j else ("networkVsMemsc", "vsMemsc")
    g = j["fidelity"][ref]["groups"]["all"]["agreement"]
    against = "truth" if ref == "vsTruth" else "ME-EMSC"
    print("| %s | %s | %.4f | %s |" % (d, against, j[key]["all"]["meanPearsonR"], " | ".join("%.3f" % g["network"][c] for c, _ in cols)))
    print("| (raw input) | %s | | %s |" % (against, " | ".join("%.3f" % g["raw"][c] for c, _ in cols)))
PY
else
  echo "reports: $W/*/report.md" >&2
fi
