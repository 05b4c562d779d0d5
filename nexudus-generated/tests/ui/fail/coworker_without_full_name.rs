// CreateCoworker needs FullName.
use nexudus_generated::spaces::CreateCoworker;

fn main() {
    let _request = CreateCoworker::builder().email("ada@example.com").country_id(826).simple_time_zone_id(12).build();
}
