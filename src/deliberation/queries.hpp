#pragma once
// The deliberation module's SQL. Its own tables: household, deliberation, deliberation_note,
// deliberation_voter, deliberation_ballot and deliberation_rating; other modules' rows come from
// their services.
namespace jiceng::deliberation::sql {

// --- Matters ----------------------------------------------------------------------------------
constexpr char kMatter[] =
    "SELECT id, area_path, stage, voter_base, COALESCE(opens_at, 0), COALESCE(closes_at, 0), eligible, ballots "
    "FROM deliberation WHERE id = ?";
constexpr char kMatterForDetail[] =
    "SELECT area_path, stage, COALESCE(opens_at, 0), COALESCE(closes_at, 0) FROM deliberation WHERE id = ?";
constexpr char kSetStage[] = "UPDATE deliberation SET stage = ?, updated_at = ? WHERE id = ?";
constexpr char kOpenVote[] =
    "UPDATE deliberation SET stage = 'voting', opens_at = ?, closes_at = ?, eligible = ?, updated_at = ? WHERE id = ?";
constexpr char kCloseVoteNow[] = "UPDATE deliberation SET closes_at = ?, updated_at = ? WHERE id = ?";
// A resident's proposals still waiting for the community.
constexpr char kWaitingProposals[] =
    "SELECT COUNT(*) FROM deliberation WHERE area_path = ? AND stage = 'proposed' AND proposer_kind = 'resident' "
    "AND proposer = ?";
constexpr char kInsertProposal[] =
    "INSERT INTO deliberation (title, body, area_id, area_path, proposer, proposer_kind, voter_base, "
    "quorum, majority, stage, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, 'resident', 'households', ?, ?, 'proposed', ?, ?) RETURNING id";
constexpr char kInsertNote[] =
    "INSERT INTO deliberation_note (deliberation_id, kind, author, body, at) VALUES (?, ?, ?, ?, ?)";
// + (public only: kPublicNotesOnly) + kNotesTail.
constexpr char kNotes[] = "SELECT kind, author, body, at FROM deliberation_note WHERE deliberation_id = ?";
constexpr char kPublicNotesOnly[] = " AND kind <> 'comment'";
constexpr char kNotesTail[] = " ORDER BY id LIMIT 500";

// --- Votes ------------------------------------------------------------------------------------
// Who may vote is fixed when the vote opens: the households under the matter's area (+
// kRepresentativesOnly when only residents' representatives vote).
constexpr char kEnrolVoters[] =
    "INSERT INTO deliberation_voter (deliberation_id, household_id) SELECT ?, id FROM household "
    "WHERE area_path >= ? AND area_path < ?";
constexpr char kRepresentativesOnly[] = " AND representative = 1";
constexpr char kVoters[] = "SELECT COUNT(*) FROM deliberation_voter WHERE deliberation_id = ?";
constexpr char kIsVoter[] = "SELECT 1 FROM deliberation_voter WHERE deliberation_id = ? AND household_id = ?";
constexpr char kHasVoted[] = "SELECT 1 FROM deliberation_ballot WHERE deliberation_id = ? AND household_id = ?";
constexpr char kBallotOf[] = "SELECT choice FROM deliberation_ballot WHERE deliberation_id = ? AND household_id = ?";
constexpr char kInsertBallot[] =
    "INSERT INTO deliberation_ballot (deliberation_id, household_id, choice, cast_by, at) VALUES (?, ?, ?, ?, ?)";
// One per choice, so the column is never spliced from input.
constexpr char kCountYes[] =
    "UPDATE deliberation SET ballots = ballots + 1, yes = yes + 1, updated_at = ? WHERE id = ?";
constexpr char kCountNo[] = "UPDATE deliberation SET ballots = ballots + 1, no = no + 1, updated_at = ? WHERE id = ?";
constexpr char kCountAbstain[] =
    "UPDATE deliberation SET ballots = ballots + 1, abstain = abstain + 1, updated_at = ? WHERE id = ?";
constexpr char kAnyDue[] = "SELECT 1 FROM deliberation WHERE stage = 'voting' AND closes_at <= ? LIMIT 1";
constexpr char kDue[] =
    "SELECT id, eligible, yes, no, abstain, quorum, majority, closes_at FROM deliberation "
    "WHERE stage = 'voting' AND closes_at <= ?";
constexpr char kSettle[] =
    "UPDATE deliberation SET stage = ?, decided_at = ?, updated_at = ? WHERE id = ? AND stage = 'voting'";
constexpr char kSettledNote[] =
    "INSERT INTO deliberation_note (deliberation_id, kind, author, body, at) VALUES (?, 'progress', '系统', ?, ?)";

// --- Ratings ----------------------------------------------------------------------------------
constexpr char kHasRated[] = "SELECT 1 FROM deliberation_rating WHERE deliberation_id = ? AND household_id = ?";
constexpr char kInsertRating[] =
    "INSERT INTO deliberation_rating (deliberation_id, household_id, score, comment, at) VALUES (?, ?, ?, ?, ?)";
constexpr char kCountRating[] =
    "UPDATE deliberation SET rating_sum = rating_sum + ?, ratings = ratings + 1, updated_at = ? WHERE id = ?";

// --- Residents' households and the public page ------------------------------------------------
// A resident reads only the household their account names (auth gives its id for the `?`).
constexpr char kOwnHousehold[] = "t.id = ?";
constexpr char kHousehold[] = "SELECT id, area_path, head_name, address FROM household WHERE id = ?";
// Matters under an area, for the public page (their communities' names come from orgs).
constexpr char kPublicMatters[] =
    "SELECT t.* FROM deliberation t WHERE t.area_path >= ? AND t.area_path < ? ORDER BY t.id DESC LIMIT ?";
constexpr char kPublicMatter[] = "SELECT t.* FROM deliberation t WHERE t.id = ?";

}  // namespace jiceng::deliberation::sql
