// Mediation of a dispute appeal (矛盾纠纷): its parties and mediators, the step reached (情、理、法、诉),
// the agreement and the outcome.
#include <boost/json.hpp>

#include "appeals/queries.hpp"
#include "appeals/service.hpp"
#include "appeals/service_internal.hpp"
#include "core/errors.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kOutcomes = {
    {{"pending", "调解中"}, {"agreed", "达成协议"}, {"referred", "引导诉讼"}, {"withdrawn", "当事人撤回"}}};

// Whether the record may move as asked; throws naming the field otherwise.
void check_mediation(const store::Row& r, const std::optional<store::Row>& before, const Mediation& m) {
  if (!is_open(status_of(r, Status::closed)) && m.outcome == "pending") {
    throw ApiError(409, "bad_state", "诉求已办结，调解结果不能再是“进行中”");
  }
  if (before && before->text(1) != "pending") throw ApiError(409, "bad_state", "这起纠纷的调解已经结束");
  const auto from = before ? parse_mediation_step(before->text(0)) : std::nullopt;
  if (auto problem = mediation_problem(from, m.step, m.outcome, !m.agreement.empty())) {
    const bool about_agreement = m.outcome == "agreed" && m.agreement.empty();
    const bool about_outcome =
        m.outcome != "pending" && m.outcome != "agreed" && m.outcome != "referred" && m.outcome != "withdrawn";
    bad_request(about_agreement ? "agreement" : about_outcome ? "outcome" : "step", *problem);
  }
  if (m.parties.empty()) bad_request("parties", "请填写纠纷当事人", "required");
}

std::string note_of(const Mediation& m) {
  std::string note = std::string(mediation_step_label(m.step));
  for (const auto& [k, v] : kOutcomes) {
    if (k == m.outcome) note += "，" + std::string(v);
  }
  if (!m.note.empty()) note += "：" + m.note;
  return note;
}

}  // namespace

std::optional<bj::object> mediation_of(App& app, const core::Principal& who, std::int64_t id) {
  return app.db.read([&](store::Conn& c) -> std::optional<bj::object> {
    visible(c, who, id);
    auto m = c.one(sql::kMediation, {id});
    if (!m) return std::nullopt;
    boost::system::error_code ec;
    auto parties = bj::parse(m->text(1), ec);
    auto mediators = bj::parse(m->text(2), ec);
    const auto step = parse_mediation_step(m->text(0)).value_or(MediationStep::emotion);
    return bj::object{{"step", m->text(0)},
                      {"step_label", mediation_step_label(step)},
                      {"parties", parties.is_array() ? parties : bj::array{}},
                      {"mediators", mediators.is_array() ? mediators : bj::array{}},
                      {"agreement", m->is_null(3) ? bj::value(nullptr) : bj::value(m->text(3))},
                      {"outcome", m->text(4)},
                      {"updated_at", m->integer(5)}};
  });
}

void mediate(App& app, const core::Principal& who, std::int64_t id, const Mediation& m, const std::string& ip) {
  const auto now = app.now();
  app.db.write([&](store::Conn& c) {
    const auto r = visible(c, who, id);
    const int lvl = caller_level(who, text_of(r, "area_path"));
    if (lvl == 0 || lvl < int_of(r, "level")) forbidden("由诉求的承办层级或上级调解");
    auto cat = c.one(sql::kIsDispute, {int_of(r, "category_id")});
    if (!cat || cat->integer(0) == 0) bad_request("", "只有矛盾纠纷类诉求需要调解记录", "not_dispute");
    const auto before = c.one(sql::kMediationState, {id});
    check_mediation(r, before, m);
    const auto step = std::string(mediation_step_name(m.step));
    auto ch = change_by(who, id, now);
    ch.update = sql::kUpsertMediation;
    ch.params = {id,
                 step,
                 bj::serialize(m.parties),
                 bj::serialize(m.mediators),
                 m.agreement.empty() ? store::null() : store::Value(m.agreement),
                 m.outcome,
                 now};
    ch.action = "mediate";
    ch.from = ch.to = text_of(r, "status");
    ch.level = level_of(r);
    ch.note = note_of(m);
    ch.audit = audit_by(who, now, ip, "mediate", id, before ? before->text(0) : "", step + "/" + m.outcome);
    apply_change(c, ch);
  });
}

}  // namespace jiceng::appeals
