// CreateCoworker needs CountryId.
use nexudus_generated::spaces::CreateCoworker;

fn main() {
    let _request = CreateCoworker::builder().full_name("Ada Lovelace").email("ada@example.com").simple_time_zone_id(12).build();
}
