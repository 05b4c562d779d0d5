// CreateCoworker needs SimpleTimeZoneId.
use nexudus_generated::spaces::CreateCoworker;

fn main() {
    let _request = CreateCoworker::builder().full_name("Ada Lovelace").email("ada@example.com").country_id(826).build();
}
