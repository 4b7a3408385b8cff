// Running rules over facts: the one evaluator behind review's, analyze's and explain's findings.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sparkfit/rules/expr.hpp"
#include "sparkfit/rules/finding.hpp"
#include "sparkfit/rules/rule_file.hpp"

namespace sparkfit::rules {

// Collections a rule may run over with `each:`; every item is a set of facts of its own and
// names itself with the fact `item.key` (a setting's key, a stage's id).
using Collections = std::map<std::string, std::vector<Facts>, std::less<>>;

// One time a rule's condition held.
struct Firing {
  Facts facts;                  // the facts the rule read: the item's over the common ones
  const Facts* item = nullptr;  // the collection item, for a rule with `each:`
};

// The fired item's `item.key` ("" without an item).
std::string item_key(const Firing& firing);

// Once for a rule without `each:` whose condition holds; once per item of its collection
// otherwise (an item's facts shadow the common ones). A collection not given: no firings.
std::vector<Firing> fire(const Rule& rule, const Facts& facts, const Collections& collections = {});

// A template names a fact `facts` lacks (or holds as null): it would print "unknown".
bool names_missing_fact(const std::string& text, const Facts& facts);

// The rule's fix names a fact of sparkfit's layout (kLayoutFacts) that `facts` lack (fix_conf
// settings naming a missing fact are left out instead).
bool layout_unknown(const Rule& rule, const Facts& facts);

// The rule's words filled from `facts`: message and fix rendered (fix_without_layout when
// sparkfit's layout is unknown), the first sentence of the rationale as the why, the fix_conf
// settings whose templates name only facts `facts` know. No place.
Finding make_finding(const Rule& rule, Severity severity, const Facts& facts);

// fire() and make_finding() for each rule of `category` at its own severity, in rule order; a
// finding's item is its firing's item_key().
std::vector<Finding> evaluate_category(const std::vector<Rule>& rules, std::string_view category, const Facts& facts,
                                       const Collections& collections = {});

}  // namespace sparkfit::rules
