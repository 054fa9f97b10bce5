#include "core/sqlite/deal_end.h"

namespace gb::sqlite {

base::Result<std::vector<int64_t>> DealsEndedBy(Db& db, int64_t cutoff) {
  // The terms are the catalog's copy in each database; json_extract reads
  // them where they are, so no column has to be kept in step with them.
  GB_ASSIGN_OR_RETURN(Stmt closed,
                      db.Prepare("SELECT id FROM deals WHERE max(json_extract(terms_json,"
                                 " '$.deadline'), json_extract(terms_json, '$.redeem_by')) <= ?"));
  closed.Bind(1, cutoff);
  std::vector<int64_t> ids;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, closed.Step());
    if (!row) break;
    ids.push_back(closed.Int(0));
  }
  return ids;
}

}  // namespace gb::sqlite
