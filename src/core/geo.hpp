#pragma once
// Distances between reported points, shared by every module that ranks by nearness.
namespace jiceng::geo {

// Great-circle distance in metres between two WGS84 points.
double distance_m(double lon1, double lat1, double lon2, double lat2);

}  // namespace jiceng::geo
