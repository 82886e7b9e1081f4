#!/usr/bin/env bash
# What each index of the party snapshot table costs a write. Against a database the service has loaded (for example
# the bench's, left running: start `dotnet run -c Release --project tests/Parties.Bench -- --parties 50000 --no-sharded
# --only details`, stop the bench once it prints "Loading the baseline's tables", and PostgreSQL stays up):
#   tests/Parties.Bench/index-costs.sh "psql -h /tmp/parties-bench-pg-… -p PORT -U postgres -d parties"
# It copies 20,000 rows of the largest organization into parties.index_cost_source, then inserts them (20 statements
# of 1,000, as the bulk writes) into an empty copy of mt_doc_party with: every index; the primary key alone; every
# index but one, for each index; and the trigram index of search= alone, as it is, as five columns and per column
# (with the VACUUM that empties its pending list). Each variant runs three times; the median is printed, then the
# three. Reads nothing of the service's own tables but the copy; drops its two tables at the end.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 \"psql … -d parties\"" >&2; exit 2; }
P="$1 -v ON_ERROR_STOP=1 -qAt"
table=parties.index_cost_target

$P -c "drop table if exists parties.index_cost_source;
  create table parties.index_cost_source as
    select row_number() over (order by id) rn, * from parties.mt_doc_party
    where tenant_id = (select tenant_id from parties.mt_doc_party group by 1 order by count(*) desc limit 1) limit 20000;
  create index on parties.index_cost_source (rn); analyze parties.index_cost_source"
indexes=$($P -c "select indexname from pg_indexes where schemaname = 'parties' and tablename = 'mt_doc_party'
  and indexname not like 'pkey%' order by 1")

copy_of() { # the definition of index $1 of mt_doc_party, on the target table
  $P -c "select replace(replace(indexdef, ' ON parties.mt_doc_party ', ' ON $table '), 'INDEX $1 ', 'INDEX cost_$1 ')
    from pg_indexes where indexname = '$1'"
}

measure() { # measure LABEL VACUUM(yes|no) INDEX-DDL…: three runs, the median and the three
  local label="$1" vacuum="$2" times=() run ms
  shift 2
  for run in 1 2 3; do
    $P -c "drop table if exists $table; create table $table (like parties.mt_doc_party including defaults including constraints);
      alter table $table add primary key (tenant_id, id)"
    for ddl in "$@"; do $P -c "$ddl"; done
    $P -c "checkpoint"
    local sql=(-c "\\timing on" -c "do \$\$ declare b int; begin for b in 0..19 loop
      insert into $table (tenant_id, id, data, mt_last_modified, mt_dotnet_type, mt_version, number, name_key, modified_at)
      select tenant_id, id, data, mt_last_modified, mt_dotnet_type, mt_version, number, name_key, modified_at
      from parties.index_cost_source where rn > b * 1000 and rn <= (b + 1) * 1000; end loop; end \$\$")
    [[ "$vacuum" == yes ]] && sql+=(-c "vacuum $table")
    ms=$($P "${sql[@]}" | grep -o "Time: [0-9.]*" | awk '{ total += $2 } END { printf "%.0f", total }')
    times+=("$ms")
  done
  printf '%-60s %6s ms   (%s)\n' "$label" "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)" "${times[*]}"
}

all=()
for index in $indexes; do all+=("$(copy_of "$index")"); done
echo "# 20,000 rows into a copy of mt_doc_party, insert only"
measure "every index" no "${all[@]}"
measure "the primary key alone" no
for index in $indexes; do
  others=()
  for other in $indexes; do [[ "$other" != "$index" ]] && others+=("$(copy_of "$other")"); done
  measure "every index but $index" no "${others[@]}"
done

echo "# the trigram index of search= beside the primary key, insert and VACUUM"
mobile="(data -> 'data' ->> 'mobile')" e164="(data -> 'data' ->> 'mobileE164')" national="(data -> 'data' ->> 'nationalCode')"
measure "the primary key alone" yes
measure "the search index as it is (one text of the five)" yes "$(copy_of mt_doc_party_idx_search)"
measure "all five columns" yes "create index cost_search on $table using gin (name_key gin_trgm_ops, number gin_trgm_ops,
  $mobile gin_trgm_ops, $e164 gin_trgm_ops, $national gin_trgm_ops)"
for column in name_key number "$mobile" "$e164" "$national"; do
  measure "$column alone" yes "create index cost_search on $table using gin ($column gin_trgm_ops)"
done

$P -c "drop table if exists $table; drop table if exists parties.index_cost_source"
