#!/usr/bin/env bash
# Reprints every accuracy figure quoted in README.md and docs/ on the shared development sets.
#   bash scripts/eval_all.sh ../shared/data          # the default (accurate) tier
#   bash scripts/eval_all.sh ../shared/data fast     # the model figures of a joint tier (balanced or fast)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:?usage: scripts/eval_all.sh PATH/TO/shared/data [accurate|balanced|fast]}
PROFILE=${2:-accurate}
BIN=target/release/newsnlp
[ -x "$BIN" ] || NEWSNLP_SKIP_EXAMPLE=1 bash scripts/setup.sh

if [ "$PROFILE" != accurate ]; then
  # Sentences, dates and HTML text need no model: only the figures that depend on the tier.
  echo "== named entities: OntoNotes 5.0 dev (v4 split), --profile $PROFILE"
  "$BIN" eval ner --conll "$DATA/ontonotes5/dev.conll2012_v4.bio" --profile "$PROFILE"
  echo "== claims: PolNeAR dev, --profile $PROFILE, counting all PolNeAR marks"
  "$BIN" eval claims --claims-counting all --polnear "$DATA/polnear/dev" --profile "$PROFILE"
  if [ -d out/web-devset/pages ]; then
    echo "== claims on hand-labelled real web pages (tests/web_claims), --profile $PROFILE"
    "$BIN" eval claims --web tests/web_claims --profile "$PROFILE"
  fi
  exit 0
fi

echo "== sentence boundaries (newsnlp vs sentencex)"
for spec in "GUM news|--filter GUM_news|$DATA/gum/dep" "GUM all||$DATA/gum/dep" "EWT dev||$DATA/ud_english_ewt/en_ewt-ud-dev.conllu"; do
  IFS='|' read -r name filter path <<<"$spec"
  files=$( [ -d "$path" ] && ls "$path"/*.conllu || echo "$path" )
  # shellcheck disable=SC2086
  cargo run -q --release -p newsnlp-sentences --example eval_sentences -- $filter --corpus "$name" $files
done

echo "== named entities: OntoNotes 5.0 dev (v4 split)"
"$BIN" eval ner --conll "$DATA/ontonotes5/dev.conll2012_v4.bio"

echo "== dates: TempEval-3 TBAQ-cleaned and MEANTIME (TempEval-3 scoring)"
cargo run -q --release -p newsnlp-dates --example eval_timeml -- \
  "$DATA/tempeval3/TBAQ-cleaned" "$DATA/tempeval3/TBAQ-cleaned/TimeBank" "$DATA/tempeval3/TBAQ-cleaned/AQUAINT" \
  "$DATA/meantime_en/intra-doc_annotation"

echo "== claims: PolNeAR dev (source / cue / content, exact and overlap), whole pipeline with the attribution model, counting all PolNeAR marks"
"$BIN" eval claims --claims-counting all --polnear "$DATA/polnear/dev"
echo "== claims: the same under the default newsroom counting"
"$BIN" eval claims --polnear "$DATA/polnear/dev"
echo "== claims: the same with the rules alone (--claims-rules), and the rules without entities"
"$BIN" eval claims --claims-counting all --polnear "$DATA/polnear/dev" --claims-rules
cargo run -q --release -p newsnlp-claims --example eval_polnear -- "$DATA/polnear/dev"

if [ -d out/web-devset/pages ]; then
  echo "== claims on hand-labelled real web pages (tests/web_claims; docs/claims.md)"
  "$BIN" eval claims --web tests/web_claims
fi

echo "== HTML main text: newspaper4k's test pages (newsnlp and rs-trafilatura defaults; docs/html.md)"
[ -d out/html-devset/pages ] || python3 scripts/html_devset.py out/html-devset
"$BIN" eval html --pages out/html-devset/pages
