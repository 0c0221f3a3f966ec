#pragma once
// The pipeline module: developing members (发展党员), applicant to full member, with the county's
// quotas, joint reviews and sampling re-checks.
#include "core/module.hpp"

namespace jiceng::pipeline {

extern const Module kModule;

}  // namespace jiceng::pipeline
