// CreateCoworker needs Email.
use nexudus_generated::spaces::CreateCoworker;

fn main() {
    let _request = CreateCoworker::builder().full_name("Ada Lovelace").country_id(826).simple_time_zone_id(12).build();
}
