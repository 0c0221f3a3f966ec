// A member's rows as the register page's drawer and the record page (党员档案) show them; labels and
// choices come from the members schema (useRegisterSchema).
export const MEMBER_DETAIL_FIELDS = [
  { prop: 'name' },
  { prop: 'gender' },
  { prop: 'ethnicity' },
  { prop: 'birth_date' },
  { prop: 'id_number', reveal: true },
  { prop: 'phone', reveal: true },
  { prop: 'education' },
  { prop: 'joined_on' },
  { prop: 'full_on' },
  { prop: 'org_name' },
  { prop: 'category' },
  { prop: 'status' },
]
