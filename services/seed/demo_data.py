"""Hand-written demo data for the open-innovation platform of Ho Chi Minh City.

City departments post challenges ("đặt hàng"), startups answer with proposals and the
matching service ranks them. Texts deliberately mix Vietnamese, Vietnamese typed without
diacritics and English, as on the real platform. All people, e-mail addresses, phone
numbers and websites are fictional (``example.gov.vn``, ``example.vn``, ``example.com``).

Keys are stable ASCII slugs so seed scripts and tests can refer to them.
``deadline_days`` is relative to the moment the data is seeded. Amounts are in VND.
Run :func:`validate` to check the internal consistency of the data set.
"""

from __future__ import annotations

from typing import Any

SECTORS: frozenset[str] = frozenset(
    {
        "ai",
        "big_data",
        "iot",
        "e_government",
        "fintech",
        "e_commerce",
        "creative_industry",
        "life_science",
        "health",
        "education",
        "transport",
        "environment",
        "urban_management",
        "agriculture",
    }
)
CHALLENGE_STATUSES: frozenset[str] = frozenset({"published", "draft", "closed"})
PROPOSAL_STATUSES: frozenset[str] = frozenset({"submitted", "draft", "withdrawn"})
STARTUP_STAGES: frozenset[str] = frozenset({"idea", "prototype", "mvp", "growth", "scale"})
LANGUAGES: frozenset[str] = frozenset({"vi", "en"})

# --- Departments (city agencies that post challenges) ---
DEPARTMENTS: list[dict[str, Any]] = [
    {
        "key": "so-y-te",
        "name": "Sở Y tế TP.HCM",
    },
    {
        "key": "so-gd-dt",
        "name": "Sở Giáo dục và Đào tạo TP.HCM",
    },
    {
        "key": "cuc-thue",
        "name": "Cục Thuế TP.HCM",
    },
    {
        "key": "so-khcn",
        "name": "Sở Khoa học và Công nghệ TP.HCM",
    },
    {
        "key": "so-gtvt",
        "name": "Sở Giao thông vận tải TP.HCM",
    },
    {
        "key": "ubnd-thu-duc",
        "name": "UBND TP Thủ Đức",
    },
    {
        "key": "so-tnmt",
        "name": "Sở Tài nguyên và Môi trường TP.HCM",
    },
    {
        "key": "so-tttt",
        "name": "Sở Thông tin và Truyền thông TP.HCM",
    },
]

# --- Challenges (problems posted by departments) ---
CHALLENGES: list[dict[str, Any]] = [
    {
        "key": "ch-benh-an-dien-tu",
        "department": "so-y-te",
        "title": "Số hóa hồ sơ bệnh án tại bệnh viện quận",
        "summary": (
            "Chuyển đổi hồ sơ bệnh án giấy tại các bệnh viện quận sang bệnh án điện tử, kết nối "
            "được với hệ thống thông tin bệnh viện (HIS) và cơ sở dữ liệu y tế của Thành phố."
        ),
        "problem_statement": (
            "Phần lớn bệnh viện quận, huyện tại TP.HCM vẫn lưu trữ hồ sơ bệnh án bằng giấy. Mỗi "
            "năm một bệnh viện tuyến quận như Bệnh viện quận 7 tiếp nhận hàng trăm nghìn lượt "
            "khám, tạo ra khối lượng hồ sơ lớn phải lưu kho từ 10 đến 20 năm theo quy định. Việc "
            "tra cứu tiền sử bệnh của người bệnh mất nhiều thời gian, hồ sơ dễ thất lạc và gần như "
            "không thể chia sẻ khi chuyển tuyến lên bệnh viện thành phố. Dù đã có phần mềm HIS cho "
            "khâu viện phí và dược, dữ liệu lâm sàng như kết quả xét nghiệm, chẩn đoán hình ảnh, y "
            "lệnh và phiếu chăm sóc vẫn rời rạc. Sở Y tế cần một giải pháp bệnh án điện tử đáp ứng "
            "quy định của Bộ Y tế về hồ sơ bệnh án điện tử, có chữ ký số cho bác sĩ, tương thích "
            "chuẩn HL7 FHIR để liên thông, đồng thời số hóa được kho hồ sơ giấy cũ để phục vụ tra "
            "cứu. Giải pháp phải triển khai được với hạ tầng CNTT hạn chế và đội ngũ nhân viên "
            "chưa quen công nghệ."
        ),
        "expected_outcomes": [
            "Bệnh án điện tử vận hành thí điểm tại ít nhất 2 khoa của một bệnh viện quận",
            "Số hóa và tra cứu được hồ sơ giấy của 5 năm gần nhất",
            "Liên thông dữ liệu theo chuẩn HL7 FHIR với hệ thống HIS hiện có",
            "Giảm 50% thời gian tìm kiếm hồ sơ bệnh án",
        ],
        "sectors": ["health", "e_government", "big_data"],
        "tags": ["bệnh án điện tử", "HIS", "HL7 FHIR", "chữ ký số", "số hóa"],
        "sdg_goals": [3, 9],
        "budget_min": 800_000_000,
        "budget_max": 2_500_000_000,
        "currency": "VND",
        "deadline_days": 60,
        "language": "vi",
        "contact": {
            "name": "Nguyễn Thị Thu Hà",
            "email": "benhandientu@soyte.example.gov.vn",
            "phone": "+84 28 0000 1101",
        },
        "status": "published",
    },
    {
        "key": "ch-dat-lich-kham",
        "department": "so-y-te",
        "title": "Giảm thời gian chờ khám tại trạm y tế phường bằng đặt lịch trực tuyến",
        "summary": (
            "Xây dựng công cụ đặt lịch khám và điều phối hàng chờ cho trạm y tế phường, giúp người "
            "dân không phải xếp hàng từ sáng sớm."
        ),
        "problem_statement": (
            "Tại nhiều trạm y tế phường ở Quận Bình Tân, Quận 8 và TP Thủ Đức, người dân thường "
            "phải đến từ 6 giờ sáng để lấy số, đặc biệt vào các ngày tiêm chủng mở rộng và khám "
            "bảo hiểm y tế. Nhân viên trạm vừa tiếp đón, vừa nhập liệu, vừa trả lời điện thoại nên "
            "quá tải vào giờ cao điểm, trong khi buổi chiều lại vắng. Người cao tuổi và người có "
            "bệnh mạn tính như tăng huyết áp, đái tháo đường phải tái khám hàng tháng nhưng không "
            "được nhắc lịch. Sở Y tế mong muốn có một giải pháp đặt lịch khám qua ứng dụng, Zalo "
            "hoặc tổng đài, hiển thị số thứ tự theo thời gian thực, tự động nhắc lịch tái khám và "
            "tiêm chủng, đồng thời cung cấp báo cáo lưu lượng để trạm y tế bố trí nhân lực hợp lý. "
            "Giải pháp cần đơn giản, dùng được cho người không rành điện thoại thông minh và kết "
            "nối được với phần mềm quản lý trạm y tế hiện có."
        ),
        "expected_outcomes": [
            "Người dân đặt lịch được qua ít nhất 2 kênh (ứng dụng/Zalo và tổng đài)",
            "Giảm 40% thời gian chờ trung bình tại trạm y tế thí điểm",
            "Nhắc lịch tái khám và tiêm chủng tự động",
        ],
        "sectors": ["health", "e_government"],
        "tags": ["đặt lịch khám", "hàng chờ", "trạm y tế", "nhắc lịch"],
        "sdg_goals": [3],
        "budget_min": 300_000_000,
        "budget_max": 900_000_000,
        "currency": "VND",
        "deadline_days": 45,
        "language": "vi",
        "contact": {
            "name": "Trần Minh Khoa",
            "email": "ytecoso@soyte.example.gov.vn",
            "phone": "+84 28 0000 1102",
        },
        "status": "published",
    },
    {
        "key": "ch-canh-bao-sot-xuat-huyet",
        "department": "so-y-te",
        "title": "Early warning of dengue outbreaks from ward-level health and weather data",
        "summary": (
            "Build a model that predicts dengue hotspots two to four weeks ahead so that district "
            "health centres can target vector control."
        ),
        "problem_statement": (
            "Dengue fever remains one of the most persistent public-health burdens in Ho Chi Minh "
            "City, with seasonal peaks between June and November. District health centres "
            "currently react to reported cases: when a cluster is confirmed, teams spray "
            "insecticide and clean breeding sites, but by then transmission is often already "
            "widespread. The Department of Health holds several years of case reports at ward "
            "level, larval survey results and hospitalisation records, while rainfall, temperature "
            "and urban density data are available from other agencies. These datasets are stored "
            "in different formats and have never been combined for forecasting. We are looking for "
            "a solution that integrates these sources, produces a ward-level risk map updated "
            "weekly, and explains the main drivers of risk in plain language for field staff. The "
            "tool must respect patient privacy, work with incomplete data, and be maintainable by "
            "the city's own data team after the pilot."
        ),
        "expected_outcomes": [
            "Weekly ward-level dengue risk map for at least 5 districts",
            "Forecast accuracy benchmarked against the last three seasons",
            "Dashboard and alerts usable by district health centres",
        ],
        "sectors": ["health", "big_data", "ai"],
        "tags": ["dengue", "epidemiology", "forecasting", "public health"],
        "sdg_goals": [3, 13],
        "budget_min": 500_000_000,
        "budget_max": 1_500_000_000,
        "currency": "VND",
        "deadline_days": 50,
        "language": "en",
        "contact": {
            "name": "Lê Hoàng Nam",
            "email": "dichte@soyte.example.gov.vn",
            "phone": "+84 28 0000 1103",
        },
        "status": "published",
    },
    {
        "key": "ch-nguoi-cao-tuoi",
        "department": "so-y-te",
        "title": "Theo doi suc khoe tu xa cho nguoi cao tuoi song mot minh",
        "summary": (
            "Tim giai phap theo doi suc khoe va canh bao te nga cho nguoi cao tuoi song mot minh "
            "tai cac phuong noi thanh."
        ),
        "problem_statement": (
            "Theo so lieu cua cac phuong, so nguoi tren 70 tuoi song mot minh hoac chi song voi vo "
            "chong cung tuoi dang tang nhanh, nhat la o Quan 3, Quan 5 va Quan 10. Nhieu truong "
            "hop te nga trong nha hoac dot quy chi duoc phat hien sau nhieu gio vi khong co ai ben "
            "canh. Tram y te phuong va to dan pho hien chi theo doi bang so sach va cac lan tham "
            "hoi dinh ky. So Y te can mot giai phap gom thiet bi don gian (vong deo tay, nut bam "
            "khan cap hoac cam bien trong nha) ket noi voi nen tang giam sat, tu dong canh bao cho "
            "nguoi than, tram y te va to dan pho khi co dau hieu bat thuong nhu te nga, nhip tim "
            "bat thuong hoac khong co van dong trong thoi gian dai. Thiet bi phai de dung, pin "
            "lau, chi phi thap de co the nhan rong, va du lieu ca nhan phai duoc bao ve dung quy "
            "dinh."
        ),
        "expected_outcomes": [
            "Thi diem cho 200 nguoi cao tuoi tai 2 phuong",
            "Canh bao te nga den nguoi than va tram y te trong vong 2 phut",
            "Chi phi thiet bi duoi 1.500.000 dong moi nguoi",
        ],
        "sectors": ["health", "iot"],
        "tags": ["nguoi cao tuoi", "canh bao te nga", "thiet bi deo", "cham soc tai nha"],
        "sdg_goals": [3, 10],
        "budget_min": 400_000_000,
        "budget_max": 1_200_000_000,
        "currency": "VND",
        "deadline_days": 40,
        "language": "vi",
        "contact": {
            "name": "Pham Thi Ngoc Anh",
            "email": "chamsoc@soyte.example.gov.vn",
            "phone": "+84 28 0000 1104",
        },
        "status": "published",
    },
    {
        "key": "ch-hoc-lieu-so",
        "department": "so-gd-dt",
        "title": "Nền tảng học liệu số dùng chung cho các trường THCS",
        "summary": (
            "Xây dựng kho học liệu số có kiểm duyệt, giúp giáo viên THCS chia sẻ bài giảng, đề "
            "kiểm tra và tài liệu theo chương trình giáo dục phổ thông 2018."
        ),
        "problem_statement": (
            "Từ khi triển khai chương trình giáo dục phổ thông 2018, giáo viên THCS tại TP.HCM "
            "phải tự biên soạn nhiều học liệu mới. Mỗi trường, thậm chí mỗi giáo viên, lưu bài "
            "giảng trên Google Drive, nhóm Zalo hoặc máy tính cá nhân, dẫn đến trùng lặp công sức "
            "và chất lượng không đồng đều. Các trường ở huyện Cần Giờ, Nhà Bè ít có cơ hội tiếp "
            "cận học liệu tốt từ các trường nội thành. Sở Giáo dục và Đào tạo cần một nền tảng học "
            "liệu số dùng chung: giáo viên đóng góp và tìm kiếm tài liệu theo môn, khối lớp, chủ "
            "đề; tổ chuyên môn kiểm duyệt nội dung; học sinh truy cập tài liệu tự học trên điện "
            "thoại cấu hình thấp. Nền tảng cần tích hợp đăng nhập với hệ thống quản lý ngành, quản "
            "lý bản quyền nội dung và có thống kê mức độ sử dụng để Sở đánh giá hiệu quả."
        ),
        "expected_outcomes": [
            "Kho học liệu với ít nhất 5.000 tài liệu được kiểm duyệt cho khối 6-9",
            "Tích hợp đăng nhập một lần với hệ thống quản lý ngành giáo dục",
            "Ít nhất 60% giáo viên THCS tại trường thí điểm sử dụng hàng tháng",
        ],
        "sectors": ["education"],
        "tags": ["học liệu số", "THCS", "GDPT 2018", "chia sẻ bài giảng"],
        "sdg_goals": [4],
        "budget_min": 600_000_000,
        "budget_max": 2_000_000_000,
        "currency": "VND",
        "deadline_days": 75,
        "language": "vi",
        "contact": {
            "name": "Võ Thanh Tùng",
            "email": "hoclieuso@sogddt.example.gov.vn",
            "phone": "+84 28 0000 2101",
        },
        "status": "published",
    },
    {
        "key": "ch-hoc-sinh-bo-hoc",
        "department": "so-gd-dt",
        "title": "Early identification of lower-secondary students at risk of dropping out",
        "summary": (
            "Use attendance, grades and socio-economic indicators to flag students at risk of "
            "leaving school early, so teachers can intervene in time."
        ),
        "problem_statement": (
            "Although enrolment in Ho Chi Minh City is high, several outlying districts such as "
            "Bình Chánh, Củ Chi and Cần Giờ still see students leave school after grade 7 or 8, "
            "often to work or because their families migrate. Teachers usually notice only when a "
            "student has already missed many weeks. The Department of Education and Training "
            "already collects attendance, grades and basic family information in its school "
            "management system, but the data is used mainly for reporting. We want a pilot that "
            "combines these signals into an early-warning indicator, presents it to homeroom "
            "teachers in a simple, non-stigmatising way, and suggests support actions such as "
            "counselling, scholarships or contact with local social workers. The model must be "
            "transparent, avoid bias against particular groups, and comply with regulations on "
            "children's personal data."
        ),
        "expected_outcomes": [
            "Risk indicator validated on two past school years",
            "Teacher-facing dashboard piloted in 10 schools",
            "Documented fairness and privacy assessment",
        ],
        "sectors": ["education", "ai", "big_data"],
        "tags": ["dropout", "learning analytics", "early warning", "student support"],
        "sdg_goals": [4, 10],
        "budget_min": 400_000_000,
        "budget_max": 1_200_000_000,
        "currency": "VND",
        "deadline_days": 60,
        "language": "en",
        "contact": {
            "name": "Đặng Quốc Bảo",
            "email": "dulieu@sogddt.example.gov.vn",
            "phone": "+84 28 0000 2102",
        },
        "status": "published",
    },
    {
        "key": "ch-tuyen-sinh-dau-cap",
        "department": "so-gd-dt",
        "title": "Hỗ trợ phụ huynh trong tuyển sinh đầu cấp trực tuyến",
        "summary": (
            "Cải thiện trải nghiệm đăng ký tuyển sinh lớp 1 và lớp 6 trực tuyến, giảm sai sót dữ "
            "liệu cư trú và tình trạng quá tải hệ thống vào ngày cao điểm."
        ),
        "problem_statement": (
            "Mỗi năm, hàng trăm nghìn phụ huynh TP.HCM đăng ký tuyển sinh lớp 1 và lớp 6 trực "
            "tuyến trong một khoảng thời gian ngắn. Hệ thống thường bị quá tải vào ngày đầu mở "
            "cổng, nhiều hồ sơ sai thông tin cư trú hoặc mã định danh phải xử lý thủ công, và phụ "
            "huynh gọi điện liên tục đến nhà trường để hỏi kết quả. Sở Giáo dục và Đào tạo muốn "
            "tìm giải pháp giúp phụ huynh kiểm tra trước điều kiện tuyển sinh theo địa bàn, tự "
            "động đối chiếu dữ liệu cư trú với cơ sở dữ liệu quốc gia về dân cư, trả lời câu hỏi "
            "thường gặp và thông báo kết quả qua nhiều kênh. Hệ thống phải chịu tải lớn trong thời "
            "gian ngắn, bảo đảm an toàn dữ liệu trẻ em và dễ sử dụng trên điện thoại."
        ),
        "expected_outcomes": [
            "Cổng tuyển sinh chịu tải 50.000 người dùng đồng thời",
            "Giảm 70% hồ sơ phải xử lý thủ công do sai dữ liệu cư trú",
            "Kênh hỏi đáp tự động cho phụ huynh",
        ],
        "sectors": ["education", "e_government"],
        "tags": ["tuyển sinh", "phụ huynh", "dữ liệu dân cư"],
        "sdg_goals": [4, 16],
        "budget_min": 500_000_000,
        "budget_max": 1_500_000_000,
        "currency": "VND",
        "deadline_days": 90,
        "language": "vi",
        "contact": {
            "name": "Huỳnh Thị Mai",
            "email": "tuyensinh@sogddt.example.gov.vn",
            "phone": "+84 28 0000 2103",
        },
        "status": "draft",
    },
    {
        "key": "ch-hoa-don-dien-tu",
        "department": "cuc-thue",
        "title": "Phát hiện hóa đơn điện tử bất thường và rủi ro mua bán hóa đơn",
        "summary": (
            "Ứng dụng phân tích dữ liệu và trí tuệ nhân tạo để phát hiện sớm doanh nghiệp có dấu "
            "hiệu mua bán hóa đơn điện tử bất hợp pháp."
        ),
        "problem_statement": (
            "Từ khi hóa đơn điện tử được áp dụng toàn diện, Cục Thuế TP.HCM tiếp nhận hàng chục "
            'triệu hóa đơn mỗi tháng. Hình thức gian lận phổ biến là thành lập doanh nghiệp "ma" '
            "để xuất hóa đơn khống, sau đó bỏ địa chỉ kinh doanh; khi cơ quan thuế phát hiện thì "
            "hóa đơn đã được dùng để khấu trừ thuế giá trị gia tăng hoặc hợp thức hóa chi phí. "
            "Hiện nay việc rà soát chủ yếu dựa vào các tiêu chí cố định và kinh nghiệm của cán bộ, "
            "khó theo kịp khối lượng dữ liệu. Cục Thuế cần một giải pháp phân tích mạng lưới giao "
            "dịch giữa người bán và người mua, phát hiện mẫu hình bất thường như vòng luân chuyển "
            "hóa đơn, doanh nghiệp mới thành lập nhưng doanh thu tăng đột biến, hoặc hàng hóa "
            "không phù hợp ngành nghề đăng ký. Kết quả cần có điểm rủi ro kèm giải thích để cán bộ "
            "kiểm tra ưu tiên xử lý. Dữ liệu phải được xử lý trong hạ tầng của ngành thuế."
        ),
        "expected_outcomes": [
            "Mô hình chấm điểm rủi ro doanh nghiệp cập nhật hằng tuần",
            "Phát hiện được ít nhất 80% trường hợp vi phạm đã biết trong dữ liệu lịch sử",
            "Giao diện giải thích lý do cảnh báo cho cán bộ kiểm tra",
        ],
        "sectors": ["ai", "big_data", "e_government"],
        "tags": ["hóa đơn điện tử", "phát hiện gian lận", "phân tích mạng lưới", "quản lý thuế"],
        "sdg_goals": [16, 17],
        "budget_min": 1_000_000_000,
        "budget_max": 3_000_000_000,
        "currency": "VND",
        "deadline_days": 70,
        "language": "vi",
        "contact": {
            "name": "Bùi Văn Thắng",
            "email": "hoadon@cucthue.example.gov.vn",
            "phone": "+84 28 0000 3101",
        },
        "status": "published",
    },
    {
        "key": "ch-tuan-thu-thue-tmdt",
        "department": "cuc-thue",
        "title": "Tax-compliance analytics for online sellers on e-commerce and social platforms",
        "summary": (
            "Help the tax office estimate the revenue of individual online sellers and prioritise "
            "outreach so that more of them register and declare correctly."
        ),
        "problem_statement": (
            "A rapidly growing share of retail in Ho Chi Minh City happens on e-commerce "
            "marketplaces, livestream sales and social media shops. Many of these sellers are "
            "households or individuals who are unaware of their tax obligations or under-declare "
            "revenue. Since marketplaces began providing seller data to the tax authority, the "
            "HCMC Tax Department receives large volumes of structured data, but it lacks tools to "
            "match seller accounts with registered taxpayers, estimate revenue consistently across "
            "platforms, and segment sellers by risk. We are looking for analytics that link "
            "records across sources, detect sellers operating under multiple accounts, and "
            "recommend proportionate actions, from friendly reminders and guidance to formal "
            "audits. The goal is voluntary compliance, not punishment, so the solution should also "
            "support simple communication with sellers in Vietnamese."
        ),
        "expected_outcomes": [
            (
                "Entity matching between platform accounts and taxpayer records with measured "
                "precision"
            ),
            "Risk segmentation of online sellers in a pilot district",
            "Message templates and a channel for compliance reminders",
        ],
        "sectors": ["e_commerce", "big_data", "ai"],
        "tags": ["e-commerce", "tax compliance", "entity resolution", "online sellers"],
        "sdg_goals": [8, 16],
        "budget_min": 700_000_000,
        "budget_max": 2_000_000_000,
        "currency": "VND",
        "deadline_days": 55,
        "language": "en",
        "contact": {
            "name": "Ngô Thị Hồng",
            "email": "tmdt@cucthue.example.gov.vn",
            "phone": "+84 28 0000 3102",
        },
        "status": "published",
    },
    {
        "key": "ch-camera-giao-thong",
        "department": "so-gtvt",
        "title": "Phân tích hình ảnh camera giao thông để phát hiện ùn tắc và sự cố tại nút giao",
        "summary": (
            "Tận dụng hệ thống camera giao thông hiện có để tự động đếm lưu lượng, phát hiện ùn "
            "tắc, tai nạn và phương tiện dừng đỗ sai quy định."
        ),
        "problem_statement": (
            "Trung tâm quản lý điều hành giao thông đô thị đang vận hành hàng nghìn camera tại các "
            "nút giao trọng điểm như vòng xoay Dân Chủ, ngã sáu Phù Đổng, khu vực Bến Thành và cửa "
            "ngõ sân bay Tân Sơn Nhất. Tuy nhiên, hình ảnh chủ yếu được nhân viên theo dõi thủ "
            "công trên màn hình, nên sự cố thường chỉ được phát hiện khi ùn tắc đã lan rộng. Sở "
            "Giao thông vận tải cần một giải pháp thị giác máy tính chạy được trên luồng video "
            "hiện có, phân loại các phương tiện đặc thù như xe máy, xe ba gác, xe buýt, ước tính "
            "mật độ và tốc độ, tự động cảnh báo khi có ùn tắc bất thường, tai nạn hoặc xe dừng đỗ "
            "sai quy định. Dữ liệu lưu lượng cần được chuẩn hóa và chia sẻ cho hệ thống điều khiển "
            "đèn tín hiệu và bản đồ giao thông. Giải pháp phải hoạt động tốt khi mưa lớn và ban "
            "đêm, và không lưu trữ dữ liệu nhận dạng cá nhân quá mức cần thiết."
        ),
        "expected_outcomes": [
            "Phát hiện ùn tắc tại 30 nút giao thí điểm trong vòng 3 phút",
            "Độ chính xác phân loại xe máy trên 90% cả khi mưa và ban đêm",
            "API chia sẻ dữ liệu lưu lượng theo thời gian thực",
        ],
        "sectors": ["transport", "ai", "urban_management"],
        "tags": ["camera giao thông", "thị giác máy tính", "ùn tắc", "nút giao"],
        "sdg_goals": [9, 11],
        "budget_min": 1_200_000_000,
        "budget_max": 3_000_000_000,
        "currency": "VND",
        "deadline_days": 65,
        "language": "vi",
        "contact": {
            "name": "Lâm Quang Huy",
            "email": "dieuhanh@sogtvt.example.gov.vn",
            "phone": "+84 28 0000 4101",
        },
        "status": "published",
    },
    {
        "key": "ch-du-lieu-xe-buyt",
        "department": "so-gtvt",
        "title": "Reliable real-time bus arrival information for passengers",
        "summary": (
            "Improve the accuracy of bus location and arrival-time data across the city's "
            "subsidised bus network and publish it in an open format."
        ),
        "problem_statement": (
            "Ho Chi Minh City operates more than a hundred subsidised bus routes, and every "
            "vehicle carries a GPS device. In practice, passengers complain that the arrival times "
            "shown in the official bus app are often wrong by ten minutes or more, GPS signals "
            "drop in dense areas such as District 1 and District 5, and route or timetable changes "
            "are not updated promptly. Operators report data in different formats, which makes it "
            "hard for the Department of Transport to monitor punctuality and plan services. We are "
            "looking for a solution that cleans and fuses vehicle GPS streams, predicts arrival "
            "times using historical patterns and current traffic, and publishes schedules and "
            "real-time feeds in GTFS and GTFS-Realtime so that third-party apps and map services "
            "can use them. The solution should also give operators and the Department dashboards "
            "on punctuality and ridership."
        ),
        "expected_outcomes": [
            "Arrival-time prediction error below 3 minutes on 80% of trips in the pilot",
            "Open GTFS and GTFS-Realtime feeds for all pilot routes",
            "Punctuality dashboard for operators and the Department",
        ],
        "sectors": ["transport", "big_data"],
        "tags": ["public transport", "GTFS", "bus", "real-time data"],
        "sdg_goals": [11],
        "budget_min": 600_000_000,
        "budget_max": 1_800_000_000,
        "currency": "VND",
        "deadline_days": 50,
        "language": "en",
        "contact": {
            "name": "Trịnh Văn Lộc",
            "email": "xebuyt@sogtvt.example.gov.vn",
            "phone": "+84 28 0000 4102",
        },
        "status": "published",
    },
    {
        "key": "ch-bai-do-xe",
        "department": "so-gtvt",
        "title": "Bãi đỗ xe thông minh và thu phí đỗ xe lòng đường khu vực trung tâm",
        "summary": (
            "Cung cấp thông tin chỗ đỗ trống theo thời gian thực và thu phí đỗ xe không dùng tiền "
            "mặt trên các tuyến đường khu vực Quận 1 và Quận 3."
        ),
        "problem_statement": (
            "Khu vực trung tâm TP.HCM thiếu chỗ đỗ ô tô nghiêm trọng. Người lái xe thường chạy "
            "vòng nhiều lần quanh khu Bến Thành, Nguyễn Huệ, Lê Lợi để tìm chỗ đỗ, góp phần gây ùn "
            "tắc. Việc thu phí đỗ xe lòng đường hiện vẫn dựa vào nhân viên ghi vé giấy hoặc ứng "
            "dụng có tỷ lệ sử dụng thấp, khó kiểm soát thất thu. Sở Giao thông vận tải muốn thí "
            "điểm một giải pháp bãi đỗ xe thông minh: cảm biến hoặc camera xác định vị trí trống, "
            "ứng dụng chỉ đường đến chỗ đỗ gần nhất, thanh toán qua ví điện tử hoặc tài khoản giao "
            "thông, và hệ thống giám sát giúp lực lượng chức năng xử lý xe đỗ quá giờ. Dữ liệu thu "
            "thập được sẽ dùng để điều chỉnh mức phí theo giờ cao điểm. Giải pháp cần bền trong "
            "điều kiện ngập nước, nắng nóng và dễ lắp đặt trên vỉa hè, lòng đường hiện hữu."
        ),
        "expected_outcomes": [
            "Thông tin chỗ trống theo thời gian thực cho 1.000 vị trí đỗ",
            "Trên 70% giao dịch thu phí không dùng tiền mặt",
            "Báo cáo công suất sử dụng theo giờ làm cơ sở điều chỉnh phí",
        ],
        "sectors": ["transport", "iot", "urban_management"],
        "tags": ["bãi đỗ xe", "thu phí", "cảm biến", "thanh toán điện tử"],
        "sdg_goals": [11],
        "budget_min": 800_000_000,
        "budget_max": 2_500_000_000,
        "currency": "VND",
        "deadline_days": 60,
        "language": "vi",
        "contact": {
            "name": "Đỗ Minh Trí",
            "email": "baidoxe@sogtvt.example.gov.vn",
            "phone": "+84 28 0000 4103",
        },
        "status": "published",
    },
    {
        "key": "ch-canh-bao-ngap",
        "department": "ubnd-thu-duc",
        "title": "He thong canh bao ngap nuoc theo thoi gian thuc tai TP Thu Duc",
        "summary": (
            "Lap dat mang cam bien muc nuoc va xay dung ban do canh bao ngap cho nguoi dan tai cac "
            "tuyen duong thuong xuyen ngap o TP Thu Duc."
        ),
        "problem_statement": (
            "TP Thu Duc co nhieu tuyen duong ngap nang moi khi mua lon ket hop trieu cuong, nhu "
            "Kha Van Can, Quoc lo 13 doan qua Hiep Binh Phuoc, khu vuc Truong Tho va duong Do Xuan "
            "Hop. Nguoi dan va doanh nghiep khong co thong tin kip thoi ve muc nuoc, xe may chet "
            "may giua duong, xe cap cuu va xe cuu hoa phai di vong. Hien UBND TP Thu Duc chi nhan "
            "thong tin qua bao cao cua phuong va mang xa hoi. Chung toi can mot giai phap gom cam "
            "bien muc nuoc gia re lap tai cac diem ngap, truyen du lieu qua LoRaWAN hoac NB-IoT, "
            "ket hop du lieu luong mua va thuy trieu de du bao ngap truoc 1-3 gio, hien thi tren "
            "ban do va gui canh bao qua Zalo, ung dung di dong. Du lieu can duoc chia se cho trung "
            "tam dieu hanh do thi thong minh va don vi thoat nuoc de dieu phoi bom va xe ung cuu."
        ),
        "expected_outcomes": [
            "Lap dat 50 cam bien muc nuoc tai cac diem ngap trong diem",
            "Ban do ngap cong khai cap nhat moi 5 phut",
            "Du bao ngap truoc it nhat 1 gio voi do chinh xac chap nhan duoc",
        ],
        "sectors": ["environment", "iot", "urban_management"],
        "tags": ["ngap nuoc", "cam bien muc nuoc", "LoRaWAN", "canh bao som"],
        "sdg_goals": [11, 13],
        "budget_min": 1_000_000_000,
        "budget_max": 3_000_000_000,
        "currency": "VND",
        "deadline_days": 45,
        "language": "vi",
        "contact": {
            "name": "Nguyen Van Duc",
            "email": "dothithongminh@thuduc.example.gov.vn",
            "phone": "+84 28 0000 6101",
        },
        "status": "published",
    },
    {
        "key": "ch-phan-loai-rac",
        "department": "so-tnmt",
        "title": "Thúc đẩy phân loại rác tại nguồn ở khu dân cư và chung cư",
        "summary": (
            "Tìm giải pháp công nghệ giúp hộ gia đình phân loại rác đúng cách và giúp chính quyền "
            "theo dõi kết quả phân loại tại từng khu vực."
        ),
        "problem_statement": (
            "TP.HCM thải ra khoảng mười nghìn tấn rác sinh hoạt mỗi ngày, phần lớn vẫn được chôn "
            "lấp. Quy định về phân loại chất thải rắn sinh hoạt tại nguồn đã có hiệu lực, nhưng "
            "nhiều hộ dân chưa biết phân loại thế nào, trong khi lực lượng thu gom đôi khi lại đổ "
            "chung các loại rác đã phân loại, làm giảm niềm tin của người dân. Sở Tài nguyên và "
            "Môi trường cần giải pháp hỗ trợ toàn chuỗi: hướng dẫn phân loại dễ hiểu, cơ chế "
            "khuyến khích như tích điểm đổi quà, ghi nhận khối lượng rác tái chế và rác hữu cơ "
            "theo từng điểm thu gom, giám sát lộ trình xe thu gom và báo cáo tỷ lệ phân loại theo "
            "phường. Giải pháp sẽ được thí điểm tại một số chung cư ở Quận 7 và khu dân cư ở Quận "
            "Gò Vấp, cần tận dụng lực lượng thu gom hiện hữu và hợp tác xã vệ sinh môi trường."
        ),
        "expected_outcomes": [
            "Tỷ lệ hộ dân phân loại đúng đạt trên 50% tại khu thí điểm",
            "Số liệu khối lượng rác theo loại được cập nhật hằng ngày",
            "Giám sát được lộ trình xe thu gom rác đã phân loại",
        ],
        "sectors": ["environment", "urban_management", "iot"],
        "tags": ["phân loại rác", "kinh tế tuần hoàn", "tái chế", "cộng đồng"],
        "sdg_goals": [11, 12],
        "budget_min": 500_000_000,
        "budget_max": 1_500_000_000,
        "currency": "VND",
        "deadline_days": 55,
        "language": "vi",
        "contact": {
            "name": "Phan Thị Kim Yến",
            "email": "chatthai@sotnmt.example.gov.vn",
            "phone": "+84 28 0000 7101",
        },
        "status": "published",
    },
    {
        "key": "ch-chat-luong-khong-khi",
        "department": "so-tnmt",
        "title": "Low-cost air-quality monitoring network for residential areas",
        "summary": (
            "Deploy a dense network of calibrated low-cost sensors and publish hyper-local "
            "air-quality information for residents and schools."
        ),
        "problem_statement": (
            "The city's official air-quality monitoring stations are few and expensive, so "
            "residents of districts such as Bình Tân, Tân Phú and Thủ Đức, which host industrial "
            "parks and heavy traffic corridors, have little information about the air they "
            "breathe. Citizens increasingly use consumer sensors and international apps, but "
            "readings vary widely and sometimes cause unnecessary alarm. The Department of Natural "
            "Resources and Environment wants to complement reference stations with a network of "
            "low-cost PM2.5, PM10, NO2 and CO sensors placed at schools, ward offices and bus "
            "stops. We need a solution that covers hardware, calibration against reference "
            "stations, data quality control, and an open platform publishing an AQI index with "
            "health advice in Vietnamese and English. Data should be available through an open API "
            "and support the city's plans on emission control and low-emission zones."
        ),
        "expected_outcomes": [
            "100 calibrated sensors deployed in at least 4 districts",
            "Public AQI map and open API with hourly updates",
            "Calibration report comparing sensors with reference stations",
        ],
        "sectors": ["environment", "iot", "big_data"],
        "tags": ["air quality", "PM2.5", "low-cost sensors", "open data"],
        "sdg_goals": [3, 11, 13],
        "budget_min": 700_000_000,
        "budget_max": 2_000_000_000,
        "currency": "VND",
        "deadline_days": 60,
        "language": "en",
        "contact": {
            "name": "Tô Thanh Phong",
            "email": "khongkhi@sotnmt.example.gov.vn",
            "phone": "+84 28 0000 7102",
        },
        "status": "published",
    },
    {
        "key": "ch-chatbot-dich-vu-cong",
        "department": "so-tttt",
        "title": "Trợ lý ảo hỗ trợ người dân tra cứu và nộp hồ sơ dịch vụ công trực tuyến",
        "summary": (
            "Xây dựng trợ lý ảo tiếng Việt trả lời câu hỏi về thủ tục hành chính và hướng dẫn "
            "người dân nộp hồ sơ trên Cổng dịch vụ công của Thành phố."
        ),
        "problem_statement": (
            "Cổng dịch vụ công trực tuyến của TP.HCM cung cấp hàng nghìn thủ tục hành chính, nhưng "
            "tỷ lệ hồ sơ nộp trực tuyến toàn trình vẫn còn thấp. Người dân thường không biết thủ "
            "tục mình cần thuộc cơ quan nào, cần giấy tờ gì, phí bao nhiêu; tổng đài hỗ trợ quá "
            "tải vào giờ cao điểm. Sở Thông tin và Truyền thông cần một trợ lý ảo hiểu được câu "
            "hỏi tiếng Việt tự nhiên, kể cả khi người dân gõ không dấu, viết tắt hoặc dùng từ địa "
            "phương, trả lời dựa trên cơ sở dữ liệu thủ tục hành chính chính thức và dẫn đường "
            "link đến đúng biểu mẫu. Trợ lý phải nêu rõ nguồn, không tự bịa thông tin, chuyển sang "
            "cán bộ khi không chắc chắn, và được tích hợp trên Cổng dịch vụ công, Zalo OA và ứng "
            "dụng công dân số. Giải pháp cần có công cụ để cán bộ cập nhật nội dung khi thủ tục "
            "thay đổi."
        ),
        "expected_outcomes": [
            "Trả lời đúng trên 85% câu hỏi trong bộ kiểm thử về 200 thủ tục phổ biến",
            "Tích hợp trên Cổng dịch vụ công và Zalo OA",
            "Giảm 30% cuộc gọi tổng đài về các thủ tục đã được hỗ trợ",
        ],
        "sectors": ["e_government", "ai"],
        "tags": ["chatbot", "dịch vụ công", "xử lý ngôn ngữ tự nhiên", "tiếng Việt"],
        "sdg_goals": [16],
        "budget_min": 800_000_000,
        "budget_max": 2_500_000_000,
        "currency": "VND",
        "deadline_days": 50,
        "language": "vi",
        "contact": {
            "name": "Lý Thị Phương Thảo",
            "email": "dvc@sotttt.example.gov.vn",
            "phone": "+84 28 0000 8101",
        },
        "status": "published",
    },
    {
        "key": "ch-so-hoa-ho-so-hanh-chinh",
        "department": "ubnd-thu-duc",
        "title": "So hoa ho so hanh chinh giay ton dong tai UBND cac phuong",
        "summary": (
            "Scan, nhan dang va trich xuat du lieu tu kho ho so giay (ho tich, dat dai, xay dung) "
            "de tao co so du lieu tra cuu phuc vu giai quyet thu tuc."
        ),
        "problem_statement": (
            "Sau khi sap nhap 3 quan cu thanh TP Thu Duc, UBND cac phuong dang luu tru hang trieu "
            "trang ho so giay ve ho tich, chung thuc, cap phep xay dung va dat dai tu nhieu thap "
            "ky. Nhieu so ho tich viet tay da o vang, chu kho doc, mot so bi am moc. Khi nguoi dan "
            "xin trich luc hay can doi chieu, can bo phai luc tim trong kho mat nhieu ngay. UBND "
            "TP Thu Duc can giai phap so hoa tron goi: scan hang loat, nhan dang chu viet tay va "
            "chu in tieng Viet (OCR), trich xuat cac truong du lieu quan trong nhu ho ten, ngay "
            "sinh, so giay to, dia chi, kiem tra va chuan hoa, sau do dua vao he thong quan ly van "
            "ban va co so du lieu dung chung. He thong can co quy trinh kiem soat chat luong, phan "
            "quyen truy cap va luu vet de dam bao an toan thong tin."
        ),
        "expected_outcomes": [
            "So hoa 2 trieu trang ho so tai 5 phuong thi diem",
            "Do chinh xac trich xuat truong du lieu tren 95% sau kiem tra",
            "Tra cuu ho so trong vong 1 phut thay vi nhieu ngay",
        ],
        "sectors": ["e_government", "ai", "big_data"],
        "tags": ["so hoa", "OCR", "ho tich", "luu tru"],
        "sdg_goals": [16],
        "budget_min": 1_000_000_000,
        "budget_max": 3_000_000_000,
        "currency": "VND",
        "deadline_days": 70,
        "language": "vi",
        "contact": {
            "name": "Tran Thi Bich Ngoc",
            "email": "sohoa@thuduc.example.gov.vn",
            "phone": "+84 28 0000 6102",
        },
        "status": "published",
    },
    {
        "key": "ch-truy-xuat-nong-san",
        "department": "so-khcn",
        "title": "Truy xuất nguồn gốc rau an toàn cho hợp tác xã ở Củ Chi và Hóc Môn",
        "summary": (
            "Ứng dụng IoT và mã QR để ghi nhật ký sản xuất, chứng minh nguồn gốc và nâng giá trị "
            "rau an toàn của các hợp tác xã ngoại thành."
        ),
        "problem_statement": (
            "Các hợp tác xã rau ở Củ Chi, Hóc Môn và Bình Chánh cung cấp một phần đáng kể rau xanh "
            "cho thị trường TP.HCM, nhưng người tiêu dùng khó phân biệt rau sản xuất theo quy "
            "trình an toàn với rau trôi nổi. Nhật ký canh tác hiện được ghi tay, không đầy đủ, nên "
            "các hợp tác xã gặp khó khi đưa sản phẩm vào siêu thị và bếp ăn trường học. Sở Khoa "
            "học và Công nghệ muốn hỗ trợ một giải pháp giá hợp lý giúp nông dân ghi nhật ký sản "
            "xuất trên điện thoại, kết hợp cảm biến đo độ ẩm, nhiệt độ trong nhà màng, tạo mã QR "
            "truy xuất cho từng lô hàng và chia sẻ dữ liệu với đơn vị thu mua. Giải pháp cần thân "
            "thiện với nông dân lớn tuổi, hoạt động được khi kết nối mạng chập chờn và phù hợp với "
            "các tiêu chuẩn VietGAP."
        ),
        "expected_outcomes": [
            "10 hợp tác xã ghi nhật ký sản xuất điện tử",
            "Mã QR truy xuất nguồn gốc trên 100% lô rau của hợp tác xã thí điểm",
            "Ít nhất 2 kênh phân phối chấp nhận dữ liệu truy xuất",
        ],
        "sectors": ["agriculture", "iot"],
        "tags": ["truy xuất nguồn gốc", "nông nghiệp công nghệ cao", "VietGAP", "mã QR"],
        "sdg_goals": [2, 12],
        "budget_min": 300_000_000,
        "budget_max": 1_000_000_000,
        "currency": "VND",
        "deadline_days": 80,
        "language": "vi",
        "contact": {
            "name": "Châu Văn Hiếu",
            "email": "nongnghiep@sokhcn.example.gov.vn",
            "phone": "+84 28 0000 5101",
        },
        "status": "published",
    },
    {
        "key": "ch-thanh-toan-cho",
        "department": "so-tttt",
        "title": "Thanh toán không dùng tiền mặt tại chợ truyền thống",
        "summary": (
            "Thí điểm giải pháp thanh toán QR và sổ bán hàng điện tử cho tiểu thương tại các chợ "
            "truyền thống như chợ Bến Thành, chợ Bình Tây."
        ),
        "problem_statement": (
            "Các chợ truyền thống vẫn là kênh mua sắm quan trọng của người dân TP.HCM, nhưng phần "
            "lớn giao dịch vẫn dùng tiền mặt. Tiểu thương, đa số là người trung niên, e ngại thanh "
            "toán điện tử vì sợ bị lừa chuyển khoản giả, khó đối soát cuối ngày và lo ngại về "
            "thuế. Ban quản lý chợ muốn thu phí dịch vụ và quản lý sạp hàng bằng dữ liệu nhưng "
            "chưa có công cụ. Thành phố cần giải pháp gồm mã QR thanh toán thống nhất theo chuẩn "
            "VietQR, loa thông báo khi nhận tiền để chống lừa đảo, sổ bán hàng điện tử đơn giản "
            "giúp tiểu thương theo dõi doanh thu, và cổng quản lý cho ban quản lý chợ. Giải pháp "
            "phải miễn phí hoặc có phí rất thấp cho tiểu thương và kèm theo tập huấn trực tiếp tại "
            "chợ."
        ),
        "expected_outcomes": [
            "Trên 60% sạp hàng tại 3 chợ thí điểm chấp nhận thanh toán QR",
            "Ban quản lý chợ thu phí dịch vụ không dùng tiền mặt",
            "Tiểu thương được tập huấn và hỗ trợ tại chỗ",
        ],
        "sectors": ["fintech", "e_commerce"],
        "tags": ["thanh toán không tiền mặt", "VietQR", "tiểu thương", "chợ truyền thống"],
        "sdg_goals": [8, 9],
        "budget_min": 200_000_000,
        "budget_max": 800_000_000,
        "currency": "VND",
        "deadline_days": 20,
        "language": "vi",
        "contact": {
            "name": "Mai Thị Thanh",
            "email": "chuyendoiso@sotttt.example.gov.vn",
            "phone": "+84 28 0000 8102",
        },
        "status": "closed",
    },
    {
        "key": "ch-di-san-so",
        "department": "so-khcn",
        "title": "Immersive digital experiences for heritage sites in the city centre",
        "summary": (
            "Create AR/VR and 3D content that brings heritage sites around Bến Thành and the old "
            "Saigon centre to life for visitors and students."
        ),
        "problem_statement": (
            "The historic centre of Ho Chi Minh City contains dozens of heritage buildings, from "
            "the market halls around Bến Thành to colonial-era offices and old pagodas in Chợ Lớn. "
            "Visitors see the facades but learn little about their history, and students rarely "
            "visit them as part of their lessons. The Department of Science and Technology wants "
            "to support local creative-industry companies in producing immersive content: accurate "
            "3D scans of selected buildings, augmented-reality tours on smartphones, and short "
            "virtual-reality experiences for schools. The content should be bilingual, created in "
            "cooperation with historians, and published under licences that allow reuse by museums "
            "and educators. This call also aims to test a model in which public heritage data "
            "supports new creative businesses and jobs."
        ),
        "expected_outcomes": [
            "3D scans of at least 5 heritage sites",
            "AR walking tour available in Vietnamese and English",
            "Content licensed for reuse by schools and museums",
        ],
        "sectors": ["creative_industry", "education"],
        "tags": ["heritage", "AR/VR", "3D scanning", "tourism"],
        "sdg_goals": [4, 11],
        "budget_min": 400_000_000,
        "budget_max": 1_200_000_000,
        "currency": "VND",
        "deadline_days": 90,
        "language": "en",
        "contact": {
            "name": "Hà Minh Châu",
            "email": "sangtao@sokhcn.example.gov.vn",
            "phone": "+84 28 0000 5102",
        },
        "status": "draft",
    },
]

# --- Startups (solution providers) ---
STARTUPS: list[dict[str, Any]] = [
    {
        "key": "st-medisync",
        "name": "MediSync",
        "description": (
            "MediSync builds a cloud-ready electronic medical record (EMR) system for district and "
            "provincial hospitals. The platform is based on HL7 FHIR and integrates with existing "
            "HIS, LIS and PACS systems, so clinical data flows between departments and across "
            "referral levels. It supports digital signatures for doctors and a scanning workflow "
            "for legacy paper charts."
        ),
        "sectors": ["health", "big_data"],
        "capabilities": [
            "electronic medical records",
            "HIS integration",
            "clinical data interoperability",
            "digital signature workflow",
        ],
        "technologies": ["HL7 FHIR", "Java", "PostgreSQL", "Kubernetes", "OCR"],
        "stage": "growth",
        "team_size": 35,
        "website": "https://medisync.example.com",
        "languages": ["en", "vi"],
    },
    {
        "key": "st-yte-so",
        "name": "Y Tế Số Việt",
        "description": (
            "Y Tế Số Việt cung cấp phần mềm bệnh án điện tử và hệ thống thông tin bệnh viện cho "
            "các bệnh viện tuyến quận, huyện. Sản phẩm đã triển khai tại nhiều cơ sở y tế ở miền "
            "Nam, hỗ trợ ký số, kết nối cổng giám định bảo hiểm y tế và liên thông đơn thuốc điện "
            "tử. Đội ngũ có nhiều bác sĩ và điều dưỡng tham gia thiết kế quy trình."
        ),
        "sectors": ["health", "e_government"],
        "capabilities": [
            "bệnh án điện tử",
            "hệ thống thông tin bệnh viện (HIS)",
            "liên thông bảo hiểm y tế",
            "đơn thuốc điện tử",
        ],
        "technologies": [".NET", "SQL Server", "HL7", "chữ ký số"],
        "stage": "scale",
        "team_size": 80,
        "website": "https://ytesoviet.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-benhan-cloud",
        "name": "BenhAn Cloud",
        "description": (
            "BenhAn Cloud la giai phap benh an dien tu tren dam may danh cho phong kham va benh "
            "vien quy mo vua. He thong cho phep bac si ghi chep lam sang, xem ket qua xet nghiem "
            "va hinh anh tren may tinh bang, du lieu luu theo chuan FHIR. Chung toi cung cap them "
            "dich vu scan va nhap lieu ho so benh an giay cu."
        ),
        "sectors": ["health", "big_data"],
        "capabilities": ["benh an dien tu", "so hoa ho so benh an giay", "trien khai dam may"],
        "technologies": ["FHIR", "Python", "React", "AWS", "OCR"],
        "stage": "mvp",
        "team_size": 12,
        "website": "https://benhancloud.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-kham-nhanh",
        "name": "KhámNhanh",
        "description": (
            "KhámNhanh là ứng dụng đặt lịch khám bệnh và lấy số thứ tự trực tuyến cho phòng khám, "
            "trạm y tế và bệnh viện. Người bệnh đặt lịch qua ứng dụng, Zalo hoặc tổng đài tự động, "
            "nhận thông báo khi sắp đến lượt và được nhắc lịch tái khám. Hệ thống cung cấp báo cáo "
            "lưu lượng giúp cơ sở y tế điều phối nhân lực."
        ),
        "sectors": ["health"],
        "capabilities": [
            "đặt lịch khám trực tuyến",
            "quản lý hàng chờ",
            "nhắc lịch tái khám",
            "tích hợp Zalo OA",
        ],
        "technologies": ["Flutter", "Node.js", "Zalo API", "MongoDB"],
        "stage": "growth",
        "team_size": 18,
        "website": "https://khamnhanh.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-queuewise",
        "name": "QueueWise",
        "description": (
            "QueueWise provides smart queue and appointment management for clinics, public service "
            "centres and bank branches. Citizens book a time slot online or at a kiosk, track "
            "their position in real time and receive SMS reminders. An analytics module forecasts "
            "peak hours so that managers can schedule staff."
        ),
        "sectors": ["health", "e_government", "ai"],
        "capabilities": [
            "appointment booking",
            "queue management",
            "demand forecasting",
            "kiosk integration",
        ],
        "technologies": ["Go", "PostgreSQL", "time-series forecasting", "SMS gateway"],
        "stage": "mvp",
        "team_size": 9,
        "website": "https://queuewise.example.com",
        "languages": ["en", "vi"],
    },
    {
        "key": "st-epiwatch",
        "name": "EpiWatch Analytics",
        "description": (
            "EpiWatch Analytics develops disease-surveillance and outbreak-forecasting tools for "
            "public-health agencies. Our models combine case reports, climate data and mobility "
            "indicators to produce spatial risk maps for dengue, hand-foot-and-mouth disease and "
            "influenza. The team includes epidemiologists and data scientists trained in Vietnam "
            "and abroad."
        ),
        "sectors": ["health", "big_data", "ai"],
        "capabilities": [
            "outbreak forecasting",
            "spatial epidemiology",
            "public-health dashboards",
            "data integration",
        ],
        "technologies": ["Python", "R", "geospatial analysis", "Bayesian models", "PostGIS"],
        "stage": "prototype",
        "team_size": 7,
        "website": "https://epiwatch.example.com",
        "languages": ["en", "vi"],
    },
    {
        "key": "st-sinh-hoc-so",
        "name": "Sinh Học Số",
        "description": (
            "Sinh Học Số là công ty khoa học sự sống phát triển bộ xét nghiệm nhanh và dịch vụ "
            "giải trình tự gen phục vụ giám sát dịch bệnh. Chúng tôi hỗ trợ các trung tâm y tế xác "
            "định chủng virus sốt xuất huyết và theo dõi mật độ muỗi truyền bệnh. Phòng thí nghiệm "
            "đặt tại Khu Công nghệ cao TP Thủ Đức."
        ),
        "sectors": ["life_science", "health"],
        "capabilities": ["xét nghiệm nhanh", "giải trình tự gen", "giám sát véc-tơ truyền bệnh"],
        "technologies": ["PCR", "giải trình tự thế hệ mới", "tin sinh học"],
        "stage": "mvp",
        "team_size": 15,
        "website": "https://sinhhocso.example.vn",
        "languages": ["vi", "en"],
    },
    {
        "key": "st-carelink",
        "name": "CareLink",
        "description": (
            "CareLink phát triển vòng đeo tay thông minh và nút gọi khẩn cấp cho người cao tuổi, "
            "tự động phát hiện té ngã và đo nhịp tim. Khi có bất thường, hệ thống gửi cảnh báo đến "
            "người thân và nhân viên y tế qua ứng dụng và cuộc gọi tự động. Thiết bị dùng pin đến "
            "7 ngày và kết nối qua mạng 4G."
        ),
        "sectors": ["health", "iot"],
        "capabilities": ["phát hiện té ngã", "theo dõi sức khỏe từ xa", "cảnh báo khẩn cấp"],
        "technologies": ["thiết bị đeo", "LTE-M", "gia tốc kế", "Kotlin", "Firebase"],
        "stage": "mvp",
        "team_size": 11,
        "website": "https://carelink.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-antam-home",
        "name": "AnTam Home",
        "description": (
            "AnTam Home lap dat cam bien chuyen dong va cam bien cua trong nha de theo doi sinh "
            "hoat cua nguoi gia song mot minh, khong can deo thiet bi. He thong hoc thoi quen hang "
            "ngay va canh bao khi co dau hieu bat thuong, vi du khong ra khoi phong ngu qua lau. "
            "Phu hop voi nha o va can ho nho tai TP.HCM."
        ),
        "sectors": ["health", "iot", "ai"],
        "capabilities": [
            "giam sat sinh hoat khong xam lan",
            "canh bao bat thuong",
            "cham soc tai nha",
        ],
        "technologies": ["Zigbee", "cam bien hong ngoai", "machine learning", "MQTT"],
        "stage": "idea",
        "team_size": 5,
        "website": "https://antamhome.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-eduhub",
        "name": "EduHub",
        "description": (
            "EduHub là nền tảng quản lý học tập (LMS) và kho học liệu số dành cho trường phổ "
            "thông. Giáo viên có thể soạn bài giảng tương tác, chia sẻ tài liệu theo môn và khối "
            "lớp, giao bài và chấm điểm trực tuyến. Nền tảng được tối ưu cho điện thoại cấu hình "
            "thấp và đã được nhiều trường THCS sử dụng."
        ),
        "sectors": ["education"],
        "capabilities": [
            "hệ thống quản lý học tập",
            "kho học liệu số",
            "kiểm duyệt nội dung",
            "đăng nhập một lần (SSO)",
        ],
        "technologies": ["Moodle", "PHP", "React Native", "SCORM"],
        "stage": "growth",
        "team_size": 25,
        "website": "https://eduhub.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-lophoc-mo",
        "name": "Lớp Học Mở",
        "description": (
            "Lớp Học Mở sản xuất video bài giảng và học liệu mở theo chương trình giáo dục phổ "
            "thông 2018, do đội ngũ giáo viên cốt cán biên soạn. Nội dung được cấp phép mở để các "
            "trường sử dụng lại miễn phí. Chúng tôi cũng tổ chức tập huấn cho giáo viên về thiết "
            "kế bài giảng số."
        ),
        "sectors": ["education", "creative_industry"],
        "capabilities": ["sản xuất video bài giảng", "học liệu mở", "tập huấn giáo viên"],
        "technologies": ["H5P", "YouTube", "Creative Commons"],
        "stage": "growth",
        "team_size": 20,
        "website": "https://lophocmo.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-learnsignal",
        "name": "LearnSignal",
        "description": (
            "LearnSignal turns school data into early-warning indicators for student disengagement "
            "and dropout risk. Our explainable models use attendance, grades and behaviour "
            "records, and every alert comes with suggested support actions for teachers. We "
            "publish a fairness audit for each deployment."
        ),
        "sectors": ["education", "ai", "big_data"],
        "capabilities": [
            "learning analytics",
            "dropout prediction",
            "fairness auditing",
            "teacher dashboards",
        ],
        "technologies": ["Python", "scikit-learn", "explainable AI", "Metabase"],
        "stage": "prototype",
        "team_size": 6,
        "website": "https://learnsignal.example.com",
        "languages": ["en"],
    },
    {
        "key": "st-edutrack",
        "name": "EduTrack",
        "description": (
            "EduTrack cung cấp phần mềm quản lý trường học, sổ liên lạc điện tử và điểm danh bằng "
            "thẻ cho các trường tiểu học và THCS. Phụ huynh nhận thông báo vắng học, điểm số và "
            "học phí qua ứng dụng. Dữ liệu được tổng hợp thành báo cáo cho phòng giáo dục quận, "
            "huyện."
        ),
        "sectors": ["education", "e_government"],
        "capabilities": [
            "quản lý trường học",
            "sổ liên lạc điện tử",
            "điểm danh tự động",
            "báo cáo thống kê",
        ],
        "technologies": ["Java", "RFID", "Android", "MySQL"],
        "stage": "scale",
        "team_size": 45,
        "website": "https://edutrack.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-invoiceguard",
        "name": "InvoiceGuard",
        "description": (
            "InvoiceGuard applies graph analytics and machine learning to detect fraudulent "
            "e-invoices and shell companies. The platform ingests invoice streams at scale, builds "
            "buyer-seller networks and scores each taxpayer with explainable risk factors. It can "
            "be deployed fully on-premise for government agencies."
        ),
        "sectors": ["ai", "big_data", "fintech"],
        "capabilities": [
            "e-invoice anomaly detection",
            "graph analytics",
            "risk scoring",
            "on-premise deployment",
        ],
        "technologies": ["Neo4j", "Apache Spark", "Python", "graph neural networks"],
        "stage": "mvp",
        "team_size": 14,
        "website": "https://invoiceguard.example.com",
        "languages": ["en", "vi"],
    },
    {
        "key": "st-thue-ai",
        "name": "ThuếAI",
        "description": (
            "ThuếAI phát triển công cụ phân tích rủi ro thuế cho cơ quan quản lý và doanh nghiệp. "
            "Hệ thống tự động đối chiếu hóa đơn điện tử, tờ khai và dữ liệu ngân hàng để phát hiện "
            "sai lệch, đồng thời phân nhóm người nộp thuế theo mức độ tuân thủ. Đội ngũ gồm chuyên "
            "gia thuế và kỹ sư dữ liệu."
        ),
        "sectors": ["ai", "big_data", "e_government"],
        "capabilities": ["phân tích rủi ro thuế", "đối chiếu dữ liệu", "phân nhóm người nộp thuế"],
        "technologies": ["Python", "ClickHouse", "XGBoost", "Airflow"],
        "stage": "prototype",
        "team_size": 8,
        "website": "https://thueai.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-shoplens",
        "name": "ShopLens",
        "description": (
            "ShopLens collects and analyses public data from e-commerce marketplaces and social "
            "commerce channels to estimate sales volumes by seller and category. Brands and "
            "regulators use it to monitor market trends, counterfeit listings and seller "
            "behaviour. Our entity-resolution engine links seller accounts across platforms."
        ),
        "sectors": ["e_commerce", "big_data", "ai"],
        "capabilities": [
            "marketplace analytics",
            "entity resolution",
            "revenue estimation",
            "counterfeit detection",
        ],
        "technologies": ["Python", "Elasticsearch", "web data pipelines", "NLP"],
        "stage": "growth",
        "team_size": 22,
        "website": "https://shoplens.example.com",
        "languages": ["en", "vi"],
    },
    {
        "key": "st-sanmua",
        "name": "Sàn Mua",
        "description": (
            "Sàn Mua là nền tảng thương mại điện tử giúp hộ kinh doanh và hợp tác xã mở gian hàng "
            "trực tuyến, quản lý đơn hàng và giao hàng. Chúng tôi tích hợp sẵn hóa đơn điện tử và "
            "báo cáo doanh thu để người bán dễ dàng kê khai thuế. Hiện nền tảng có hơn 3.000 người "
            "bán tại TP.HCM và các tỉnh lân cận."
        ),
        "sectors": ["e_commerce", "agriculture"],
        "capabilities": [
            "gian hàng trực tuyến",
            "quản lý đơn hàng",
            "hóa đơn điện tử cho hộ kinh doanh",
        ],
        "technologies": ["Laravel", "Vue.js", "VietQR", "API giao vận"],
        "stage": "growth",
        "team_size": 30,
        "website": "https://sanmua.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-chopay",
        "name": "ChợPay",
        "description": (
            "ChợPay cung cấp mã QR thanh toán, loa báo tiền và sổ bán hàng trên điện thoại cho "
            "tiểu thương ở chợ truyền thống. Tiểu thương nhận tiền ngay vào tài khoản và nghe "
            "thông báo bằng giọng nói để tránh bị lừa chuyển khoản giả. Ban quản lý chợ có thể thu "
            "phí dịch vụ và theo dõi hoạt động của sạp hàng qua cổng quản trị."
        ),
        "sectors": ["fintech", "e_commerce"],
        "capabilities": [
            "thanh toán QR",
            "loa thông báo giao dịch",
            "sổ bán hàng điện tử",
            "quản lý chợ",
        ],
        "technologies": ["VietQR", "Kotlin", "loa IoT", "Node.js"],
        "stage": "growth",
        "team_size": 24,
        "website": "https://chopay.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-ledgerly",
        "name": "Ledgerly",
        "description": (
            "Ledgerly is a bookkeeping and tax-filing app for household businesses and "
            "micro-enterprises. It reads bank transactions and e-invoices automatically, prepares "
            "VAT and personal income tax declarations, and reminds owners of deadlines. The app is "
            "available in Vietnamese and English."
        ),
        "sectors": ["fintech", "e_commerce"],
        "capabilities": ["automated bookkeeping", "tax declaration", "e-invoice integration"],
        "technologies": ["open banking APIs", "Python", "Flutter", "OCR"],
        "stage": "mvp",
        "team_size": 10,
        "website": "https://ledgerly.example.com",
        "languages": ["en", "vi"],
    },
    {
        "key": "st-trafficvision",
        "name": "TrafficVision",
        "description": (
            "TrafficVision builds computer-vision analytics for existing traffic cameras, tuned "
            "for motorbike-dominated streets in Southeast Asia. Our models count and classify "
            "vehicles, estimate speed and density, and detect incidents such as crashes, stalled "
            "vehicles and wrong-way driving. Processing runs on edge devices or in a central video "
            "platform."
        ),
        "sectors": ["transport", "ai", "urban_management"],
        "capabilities": [
            "vehicle detection and counting",
            "incident detection",
            "traffic flow estimation",
            "edge video analytics",
        ],
        "technologies": ["computer vision", "YOLO", "NVIDIA Jetson", "Kafka", "ONVIF"],
        "stage": "growth",
        "team_size": 28,
        "website": "https://trafficvision.example.com",
        "languages": ["en", "vi"],
    },
    {
        "key": "st-mat-duong",
        "name": "Mắt Đường",
        "description": (
            "Mắt Đường phát triển phần mềm camera AI phát hiện vi phạm giao thông như vượt đèn đỏ, "
            "đi sai làn, đỗ xe sai quy định và nhận dạng biển số. Giải pháp đã được thí điểm tại "
            "một số tuyến đường ở Bình Dương và Đồng Nai. Chúng tôi có thể tích hợp với hệ thống "
            "camera và trung tâm điều hành hiện có."
        ),
        "sectors": ["transport", "ai"],
        "capabilities": [
            "nhận dạng biển số",
            "phát hiện vi phạm giao thông",
            "tích hợp trung tâm điều hành",
        ],
        "technologies": ["computer vision", "ANPR", "PyTorch", "C++"],
        "stage": "mvp",
        "team_size": 16,
        "website": "https://matduong.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-busnow",
        "name": "BusNow",
        "description": (
            "BusNow la ung dung du bao gio xe buyt den tram dua tren du lieu GPS va lich su hanh "
            "trinh. Ung dung hien thi vi tri xe theo thoi gian thuc va goi y lo trinh ket hop xe "
            "buyt, metro va di bo. Hien co khoang 50.000 nguoi dung tai TP.HCM."
        ),
        "sectors": ["transport", "big_data"],
        "capabilities": ["du bao thoi gian den tram", "ung dung hanh khach", "toi uu lo trinh"],
        "technologies": ["GTFS", "Kotlin", "Swift", "machine learning"],
        "stage": "mvp",
        "team_size": 8,
        "website": "https://busnow.example.vn",
        "languages": ["vi", "en"],
    },
    {
        "key": "st-transitflow",
        "name": "TransitFlow",
        "description": (
            "TransitFlow is a data platform for public-transport operators and authorities. It "
            "cleans and fuses vehicle GPS feeds, generates GTFS and GTFS-Realtime, and provides "
            "punctuality, headway and ridership dashboards. We have worked with bus operators in "
            "Thailand and Indonesia."
        ),
        "sectors": ["transport", "big_data"],
        "capabilities": [
            "GTFS data publishing",
            "GPS data fusion",
            "operations dashboards",
            "arrival prediction",
        ],
        "technologies": ["GTFS-Realtime", "Apache Flink", "Python", "PostGIS"],
        "stage": "growth",
        "team_size": 19,
        "website": "https://transitflow.example.com",
        "languages": ["en"],
    },
    {
        "key": "st-doxe",
        "name": "ĐỗXe",
        "description": (
            "ĐỗXe là ứng dụng tìm và đặt chỗ đỗ ô tô tại khu vực trung tâm TP.HCM. Chúng tôi lắp "
            "cảm biến từ trường tại từng vị trí đỗ để xác định chỗ trống theo thời gian thực và "
            "cho phép thanh toán qua ví điện tử. Cảm biến chống nước, dùng pin 5 năm và truyền dữ "
            "liệu qua NB-IoT."
        ),
        "sectors": ["transport", "iot", "urban_management"],
        "capabilities": ["cảm biến chỗ đỗ", "ứng dụng đặt chỗ", "thanh toán phí đỗ xe"],
        "technologies": ["NB-IoT", "cảm biến từ trường", "React Native", "ví điện tử"],
        "stage": "mvp",
        "team_size": 13,
        "website": "https://doxe.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-smartlot",
        "name": "SmartLot",
        "description": (
            "SmartLot cung cấp hệ thống quản lý bãi giữ xe tự động bằng camera nhận dạng biển số, "
            "thẻ không tiếp xúc và thanh toán điện tử cho trung tâm thương mại, tòa nhà và bệnh "
            "viện. Hệ thống đếm chỗ trống và hiển thị trên bảng điện tử tại cổng. Giải pháp đã "
            "được triển khai tại hơn 60 bãi xe ở TP.HCM."
        ),
        "sectors": ["transport", "iot"],
        "capabilities": ["quản lý bãi xe", "nhận dạng biển số", "thanh toán không tiền mặt"],
        "technologies": ["ANPR", "RFID", "C#", "camera IP"],
        "stage": "scale",
        "team_size": 40,
        "website": "https://smartlot.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-floodsense",
        "name": "FloodSense",
        "description": (
            "FloodSense chế tạo cảm biến đo mực nước giá rẻ dùng sóng siêu âm, chạy năng lượng mặt "
            "trời và truyền dữ liệu qua LoRaWAN. Dữ liệu được hiển thị trên bản đồ ngập trực tuyến "
            "và cảnh báo được gửi qua Zalo khi mực nước vượt ngưỡng. Sản phẩm do một nhóm kỹ sư "
            "trẻ tại Khu Công nghệ cao nghiên cứu và phát triển."
        ),
        "sectors": ["environment", "iot", "urban_management"],
        "capabilities": ["cảm biến mực nước", "mạng LoRaWAN", "bản đồ cảnh báo ngập"],
        "technologies": ["LoRaWAN", "cảm biến siêu âm", "năng lượng mặt trời", "ESP32", "Grafana"],
        "stage": "prototype",
        "team_size": 6,
        "website": "https://floodsense.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-hydromap",
        "name": "HydroMap",
        "description": (
            "HydroMap provides hydrological and hydraulic modelling for urban flood forecasting. "
            "We couple rainfall radar, tide levels and drainage-network models to forecast "
            "street-level flooding several hours ahead. Our team has delivered flood studies for "
            "cities in the Mekong Delta."
        ),
        "sectors": ["environment", "urban_management", "big_data"],
        "capabilities": ["flood forecasting", "hydraulic modelling", "GIS mapping"],
        "technologies": ["SWMM", "HEC-RAS", "Python", "GIS", "rainfall radar"],
        "stage": "growth",
        "team_size": 12,
        "website": "https://hydromap.example.com",
        "languages": ["en", "vi"],
    },
    {
        "key": "st-xanh-tuan-hoan",
        "name": "Xanh Tuần Hoàn",
        "description": (
            "Xanh Tuần Hoàn vận hành ứng dụng tích điểm đổi quà khi người dân bàn giao rác tái chế "
            "đã phân loại, kết nối với mạng lưới ve chai và điểm thu gom. Mỗi lần cân rác được ghi "
            "nhận điện tử, giúp chính quyền theo dõi khối lượng theo khu vực. Chúng tôi đã làm "
            "việc với nhiều chung cư tại Quận 7 và TP Thủ Đức."
        ),
        "sectors": ["environment", "urban_management"],
        "capabilities": [
            "ứng dụng tích điểm",
            "quản lý điểm thu gom",
            "truyền thông cộng đồng",
            "báo cáo khối lượng rác",
        ],
        "technologies": ["Flutter", "cân điện tử Bluetooth", "Firebase", "mã QR"],
        "stage": "growth",
        "team_size": 17,
        "website": "https://xanhtuanhoan.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-greenbin",
        "name": "GreenBin",
        "description": (
            "GreenBin san xuat thung rac thong minh co cam bien do day va camera nhan dang loai "
            "rac, giup huong dan nguoi dan bo rac dung ngan. Du lieu muc day duoc gui ve he thong "
            "de toi uu lo trinh xe thu gom. San pham phu hop cho chung cu, truong hoc va khu cong "
            "cong."
        ),
        "sectors": ["environment", "iot", "ai"],
        "capabilities": ["thung rac thong minh", "toi uu lo trinh thu gom", "nhan dang loai rac"],
        "technologies": ["cam bien sieu am", "computer vision", "LoRaWAN", "Raspberry Pi"],
        "stage": "prototype",
        "team_size": 7,
        "website": "https://greenbin.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-airsense",
        "name": "AirSense",
        "description": (
            "AirSense sản xuất trạm quan trắc không khí nhỏ gọn đo bụi PM2.5, PM10, khí NO2, CO và "
            "tiếng ồn, với chi phí chỉ bằng một phần nhỏ so với trạm truyền thống. Dữ liệu được "
            "hiệu chuẩn bằng thuật toán học máy và công bố qua ứng dụng và API mở. Các trạm đã "
            "được lắp đặt tại nhiều trường học ở TP.HCM và Hà Nội."
        ),
        "sectors": ["environment", "iot", "big_data"],
        "capabilities": ["cảm biến chất lượng không khí", "hiệu chuẩn dữ liệu", "API dữ liệu mở"],
        "technologies": ["cảm biến quang học", "NB-IoT", "machine learning", "InfluxDB"],
        "stage": "growth",
        "team_size": 14,
        "website": "https://airsense.example.vn",
        "languages": ["vi", "en"],
    },
    {
        "key": "st-clearsky",
        "name": "ClearSky Analytics",
        "description": (
            "ClearSky Analytics combines satellite observations, ground sensors and weather models "
            "to map air pollution at neighbourhood scale. Our platform estimates exposure for "
            "schools and hospitals and forecasts pollution episodes up to three days ahead. We "
            "work with city governments and development agencies in Asia."
        ),
        "sectors": ["environment", "big_data", "ai"],
        "capabilities": [
            "satellite air-quality mapping",
            "pollution forecasting",
            "exposure analysis",
        ],
        "technologies": ["Sentinel-5P", "Python", "deep learning", "Google Earth Engine"],
        "stage": "mvp",
        "team_size": 9,
        "website": "https://clearsky.example.com",
        "languages": ["en"],
    },
    {
        "key": "st-tro-ly-cong",
        "name": "Trợ Lý Công",
        "description": (
            "Trợ Lý Công xây dựng chatbot và trợ lý ảo tiếng Việt cho cơ quan nhà nước, trả lời "
            "câu hỏi về thủ tục hành chính dựa trên cơ sở dữ liệu chính thức. Hệ thống hiểu được "
            "câu hỏi gõ không dấu, viết tắt và được tích hợp trên website, Zalo OA và tổng đài. "
            "Cán bộ có công cụ để tự cập nhật nội dung."
        ),
        "sectors": ["e_government", "ai"],
        "capabilities": [
            "chatbot tiếng Việt",
            "hỏi đáp thủ tục hành chính",
            "tích hợp Zalo OA",
            "quản trị nội dung",
        ],
        "technologies": ["LLM", "RAG", "Rasa", "Elasticsearch"],
        "stage": "mvp",
        "team_size": 10,
        "website": "https://trolycong.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-vietnlp",
        "name": "VietNLP Labs",
        "description": (
            "VietNLP Labs develops Vietnamese language models, speech recognition and document "
            "understanding for enterprises and government. Our products include a "
            "retrieval-augmented question-answering engine, handwritten Vietnamese OCR and "
            "information extraction from forms. Models can run on-premise to keep sensitive data "
            "inside the organisation."
        ),
        "sectors": ["ai", "e_government", "big_data"],
        "capabilities": [
            "Vietnamese NLP",
            "question answering",
            "handwriting OCR",
            "information extraction",
        ],
        "technologies": ["transformers", "LLM", "RAG", "OCR", "speech recognition"],
        "stage": "growth",
        "team_size": 26,
        "website": "https://vietnlp.example.com",
        "languages": ["en", "vi"],
    },
    {
        "key": "st-sohoa-docs",
        "name": "SốHóa Docs",
        "description": (
            "SốHóa Docs cung cấp dịch vụ số hóa tài liệu trọn gói: scan hàng loạt, nhận dạng ký tự "
            "tiếng Việt, trích xuất dữ liệu và nhập vào hệ thống lưu trữ điện tử. Chúng tôi đã số "
            "hóa hàng chục triệu trang tài liệu cho ngân hàng, bệnh viện và cơ quan hành chính. "
            "Quy trình đạt chuẩn bảo mật thông tin ISO 27001."
        ),
        "sectors": ["e_government", "big_data", "ai"],
        "capabilities": [
            "scan hàng loạt",
            "nhận dạng ký tự (OCR)",
            "trích xuất dữ liệu",
            "lưu trữ điện tử",
        ],
        "technologies": ["OCR", "máy scan tốc độ cao", "Python", "ISO 27001"],
        "stage": "scale",
        "team_size": 120,
        "website": "https://sohoadocs.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-archivo",
        "name": "Archivo",
        "description": (
            "Archivo la phan mem quan ly van ban va luu tru dien tu cho co quan nha nuoc, dap ung "
            "cac quy dinh ve luu tru ho so dien tu. He thong ho tro phan quyen, luu vet truy cap, "
            "tim kiem toan van va ket noi voi truc lien thong van ban. Chung toi da trien khai tai "
            "nhieu UBND quan, huyen o phia Nam."
        ),
        "sectors": ["e_government"],
        "capabilities": [
            "quan ly van ban",
            "luu tru dien tu",
            "tim kiem toan van",
            "phan quyen truy cap",
        ],
        "technologies": ["Java", "Elasticsearch", "PostgreSQL", "chu ky so"],
        "stage": "growth",
        "team_size": 21,
        "website": "https://archivo.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-nongtrai-so",
        "name": "Nông Trại Số",
        "description": (
            "Nông Trại Số cung cấp bộ cảm biến nhà màng và ứng dụng nhật ký canh tác điện tử cho "
            "nông dân trồng rau, hoa lan ở ngoại thành TP.HCM. Ứng dụng hoạt động cả khi mất mạng "
            "và tự tạo mã QR truy xuất nguồn gốc cho từng lô thu hoạch. Chúng tôi hỗ trợ hợp tác "
            "xã đạt chứng nhận VietGAP."
        ),
        "sectors": ["agriculture", "iot"],
        "capabilities": [
            "nhật ký canh tác điện tử",
            "cảm biến nhà màng",
            "truy xuất nguồn gốc",
            "tư vấn VietGAP",
        ],
        "technologies": ["LoRa", "Flutter", "đồng bộ ngoại tuyến", "mã QR"],
        "stage": "mvp",
        "team_size": 9,
        "website": "https://nongtraiso.example.vn",
        "languages": ["vi"],
    },
    {
        "key": "st-farmtrace",
        "name": "FarmTrace",
        "description": (
            "FarmTrace offers an end-to-end traceability platform for fresh produce, from farm "
            "records to retail shelves. Each batch receives a QR code linked to farming practices, "
            "lab test results and logistics events recorded on a tamper-evident ledger. "
            "Supermarket chains use it to qualify smallholder suppliers."
        ),
        "sectors": ["agriculture", "e_commerce"],
        "capabilities": ["supply-chain traceability", "supplier qualification", "QR labelling"],
        "technologies": ["blockchain", "QR code", "Node.js", "GS1 standards"],
        "stage": "growth",
        "team_size": 16,
        "website": "https://farmtrace.example.com",
        "languages": ["en", "vi"],
    },
    {
        "key": "st-di-san-so",
        "name": "Di Sản Số",
        "description": (
            "Di Sản Số là studio công nghiệp sáng tạo chuyên quét 3D, dựng mô hình số và làm tour "
            "thực tế ảo cho di tích, bảo tàng. Chúng tôi kết hợp nhà sử học và họa sĩ để kể chuyện "
            "di sản bằng trải nghiệm tương tác. Sản phẩm dùng được cho du lịch và giáo dục."
        ),
        "sectors": ["creative_industry", "education"],
        "capabilities": ["quét 3D", "thực tế ảo (VR)", "thực tế tăng cường (AR)", "kể chuyện số"],
        "technologies": ["photogrammetry", "Unity", "WebXR", "LiDAR"],
        "stage": "mvp",
        "team_size": 11,
        "website": "https://disanso.example.vn",
        "languages": ["vi", "en"],
    },
    {
        "key": "st-pixel-saigon",
        "name": "Pixel Sài Gòn",
        "description": (
            "Pixel Sài Gòn là studio phát triển game di động và game giáo dục với đội ngũ họa sĩ, "
            "lập trình viên trẻ. Chúng tôi từng thực hiện các chiến dịch game hóa cho thương hiệu "
            "hàng tiêu dùng. Studio quan tâm đến các dự án nâng cao nhận thức cộng đồng."
        ),
        "sectors": ["creative_industry"],
        "capabilities": ["phát triển game", "game hóa", "thiết kế đồ họa"],
        "technologies": ["Unity", "C#", "Spine 2D"],
        "stage": "growth",
        "team_size": 23,
        "website": "https://pixelsaigon.example.vn",
        "languages": ["vi", "en"],
    },
    {
        "key": "st-ket-noi-nhan-tai",
        "name": "Kết Nối Nhân Tài",
        "description": (
            "Kết Nối Nhân Tài là nền tảng tuyển dụng dùng trí tuệ nhân tạo để gợi ý ứng viên phù "
            "hợp cho doanh nghiệp vừa và nhỏ. Hệ thống đọc hồ sơ xin việc, chấm điểm mức độ phù "
            "hợp và tự động lên lịch phỏng vấn. Chúng tôi có chatbot hỗ trợ ứng viên 24/7."
        ),
        "sectors": ["ai"],
        "capabilities": ["gợi ý ứng viên", "phân tích CV", "chatbot tuyển dụng"],
        "technologies": ["NLP", "Python", "chatbot"],
        "stage": "mvp",
        "team_size": 8,
        "website": "https://ketnoinhantai.example.vn",
        "languages": ["vi"],
    },
]

# --- Proposals (startup answers to challenges) ---
PROPOSALS: list[dict[str, Any]] = [
    {
        "startup": "st-medisync",
        "challenge": "ch-benh-an-dien-tu",
        "title": "FHIR-based EMR rollout for a district hospital with legacy chart digitisation",
        "summary": (
            "Deploy MediSync EMR in two clinical departments of a district hospital, integrate it "
            "with the existing HIS via HL7 FHIR and digitise five years of paper records."
        ),
        "approach": (
            "We start with a four-week assessment of the hospital's HIS, LIS and PACS interfaces "
            "and of the clinical workflows in the internal medicine and paediatrics departments. "
            "MediSync EMR is then configured with Vietnamese clinical forms, ICD-10 coding and "
            "doctor digital signatures that meet Ministry of Health requirements. An integration "
            "layer maps existing HIS data to HL7 FHIR resources such as Patient, Encounter, "
            "Observation and MedicationRequest, which also prepares the hospital for data exchange "
            "with city-level hospitals. In parallel, a scanning team digitises paper charts from "
            "the last five years, using OCR to index patient identifiers and admission dates so "
            "that records can be retrieved in seconds. Staff training follows a train-the-trainer "
            "model with super-users in each department, and we provide on-site support during the "
            "first month after go-live."
        ),
        "trl": 8,
        "price_estimate": 2_100_000_000,
        "timeline_weeks": 32,
        "status": "submitted",
    },
    {
        "startup": "st-yte-so",
        "challenge": "ch-benh-an-dien-tu",
        "title": "Triển khai bệnh án điện tử đạt chuẩn Bộ Y tế cho bệnh viện quận",
        "summary": (
            "Mở rộng hệ thống HIS sẵn có thành bệnh án điện tử đầy đủ, có ký số và liên thông bảo "
            "hiểm y tế, thí điểm tại Bệnh viện quận 7."
        ),
        "approach": (
            "Y Tế Số Việt đã triển khai HIS cho nhiều bệnh viện tuyến quận nên có thể nâng cấp lên "
            "bệnh án điện tử mà không phải thay thế hệ thống hiện hữu. Giai đoạn 1, chúng tôi "
            "chuẩn hóa danh mục dùng chung, số hóa phiếu khám, tờ điều trị, phiếu chăm sóc và tích "
            "hợp kết quả xét nghiệm, chẩn đoán hình ảnh. Giai đoạn 2, triển khai chữ ký số cho bác "
            "sĩ và điều dưỡng bằng token hoặc ký số từ xa, bảo đảm giá trị pháp lý của hồ sơ. Giai "
            "đoạn 3, xây dựng cổng trao đổi dữ liệu theo chuẩn HL7 để chia sẻ tóm tắt bệnh án khi "
            "chuyển tuyến. Chúng tôi cử cán bộ thường trực tại bệnh viện trong ba tháng đầu và tổ "
            "chức tập huấn theo từng khoa."
        ),
        "trl": 9,
        "price_estimate": 1_800_000_000,
        "timeline_weeks": 28,
        "status": "submitted",
    },
    {
        "startup": "st-benhan-cloud",
        "challenge": "ch-benh-an-dien-tu",
        "title": "Benh an dien tu tren nen tang dam may va so hoa ho so giay cho benh vien quan",
        "summary": (
            "Trien khai BenhAn Cloud theo mo hinh thue bao, ket hop scan va nhap lieu ho so giay "
            "cu de tra cuu nhanh."
        ),
        "approach": (
            "Chung toi de xuat mo hinh thue bao de giam chi phi dau tu ban dau cho benh vien. "
            "BenhAn Cloud duoc cai dat tren ha tang dam may dat tai Viet Nam, du lieu duoc ma hoa "
            "va sao luu hang ngay. Bac si su dung may tinh bang de ghi chep lam sang, xem ket qua "
            "xet nghiem va hinh anh ngay tai giuong benh. Du lieu luu theo chuan FHIR de co the "
            "lien thong voi HIS hien tai va he thong cua So Y te. Song song, doi nhap lieu cua "
            "chung toi se scan ho so giay, dung OCR de trich xuat ma benh nhan, ngay vao vien, "
            "chan doan va tao chi muc tra cuu. Chung toi thi diem tai khoa Noi va khoa Nhi truoc "
            "khi mo rong ra toan benh vien."
        ),
        "trl": 7,
        "price_estimate": 1_200_000_000,
        "timeline_weeks": 24,
        "status": "submitted",
    },
    {
        "startup": "st-tro-ly-cong",
        "challenge": "ch-benh-an-dien-tu",
        "title": "Chatbot hỏi đáp cho người bệnh tại bệnh viện quận",
        "summary": (
            "Triển khai chatbot trên Zalo OA trả lời câu hỏi thường gặp của người bệnh về giờ "
            "khám, thủ tục nhập viện và bảo hiểm y tế."
        ),
        "approach": (
            "Chúng tôi tận dụng nền tảng chatbot tiếng Việt đã dùng cho dịch vụ công để xây dựng "
            "kênh hỏi đáp cho người bệnh. Bệnh viện cung cấp tài liệu về quy trình khám, bảng giá "
            "dịch vụ và hướng dẫn bảo hiểm y tế, hệ thống sẽ lập chỉ mục và trả lời tự động trên "
            "Zalo OA và website. Chatbot cũng có thể hướng dẫn người bệnh đăng ký sao chép hồ sơ "
            "bệnh án. Giải pháp không thay thế bệnh án điện tử nhưng giúp giảm tải cho quầy tiếp "
            "đón và tổng đài. Thời gian triển khai ngắn, chi phí thấp, phù hợp để bệnh viện bắt "
            "đầu chuyển đổi số."
        ),
        "trl": 7,
        "price_estimate": 350_000_000,
        "timeline_weeks": 8,
        "status": "submitted",
    },
    {
        "startup": "st-pixel-saigon",
        "challenge": "ch-benh-an-dien-tu",
        "title": "Ứng dụng game hóa giáo dục sức khỏe cho người bệnh",
        "summary": (
            "Xây dựng trò chơi di động giúp người bệnh và người nhà tìm hiểu về chăm sóc sức khỏe "
            "khi điều trị nội trú."
        ),
        "approach": (
            "Pixel Sài Gòn đề xuất một ứng dụng game hóa gồm các thử thách ngắn về dinh dưỡng, "
            "dùng thuốc đúng cách và phòng ngừa nhiễm khuẩn, phát trên màn hình tại khu chờ và "
            "trên điện thoại của người bệnh. Người chơi nhận điểm và huy hiệu khi hoàn thành bài "
            "học. Dữ liệu tham gia được tổng hợp để bệnh viện đánh giá mức độ hiểu biết của người "
            "bệnh. Chúng tôi sẽ phối hợp với phòng công tác xã hội của bệnh viện để biên soạn nội "
            "dung. Giải pháp chưa bao gồm phần số hóa hồ sơ bệnh án nhưng có thể là hoạt động "
            "truyền thông đi kèm."
        ),
        "trl": 4,
        "price_estimate": 450_000_000,
        "timeline_weeks": 12,
        "status": "draft",
    },
    {
        "startup": "st-kham-nhanh",
        "challenge": "ch-dat-lich-kham",
        "title": "Đặt lịch khám đa kênh và số thứ tự thời gian thực cho trạm y tế phường",
        "summary": (
            "Triển khai KhámNhanh tại 10 trạm y tế phường, cho phép đặt lịch qua Zalo, ứng dụng và "
            "tổng đài tự động, kèm nhắc lịch tái khám."
        ),
        "approach": (
            "KhámNhanh được cấu hình theo lịch làm việc thực tế của từng trạm y tế, chia khung giờ "
            "cho khám bảo hiểm, tiêm chủng và quản lý bệnh mạn tính. Người dân đặt lịch qua Zalo "
            "OA, ứng dụng hoặc gọi tổng đài trả lời tự động bằng giọng nói; người cao tuổi có thể "
            "nhờ tổ dân phố đặt hộ. Tại trạm, màn hình và loa gọi số hiển thị thứ tự, người dân "
            "nhận tin nhắn khi còn 3 lượt. Hệ thống đồng bộ danh sách bệnh nhân mạn tính từ phần "
            "mềm quản lý trạm y tế để tự động nhắc tái khám. Báo cáo lưu lượng theo giờ giúp trạm "
            "bố trí nhân lực. Chúng tôi tập huấn tại chỗ và hỗ trợ qua điện thoại trong 6 tháng."
        ),
        "trl": 8,
        "price_estimate": 650_000_000,
        "timeline_weeks": 16,
        "status": "submitted",
    },
    {
        "startup": "st-queuewise",
        "challenge": "ch-dat-lich-kham",
        "title": (
            "Smart appointment and queue management with peak-hour forecasting for ward health "
            "stations"
        ),
        "summary": (
            "Use QueueWise kiosks, online booking and SMS reminders to spread patient arrivals "
            "more evenly across the day."
        ),
        "approach": (
            "QueueWise will be installed at eight pilot health stations with a low-cost tablet "
            "kiosk at the entrance and a display in the waiting area. Residents can book a slot "
            "online, through a Zalo link or at the kiosk, and walk-in patients are merged into the "
            "same queue. Our forecasting module learns arrival patterns for each station and "
            "recommends opening additional slots or shifting vaccination sessions to quieter "
            "afternoons. SMS and Zalo reminders reduce no-shows for chronic-disease follow-ups. "
            "The Vietnamese interface uses large fonts and voice prompts for older users. We "
            "provide an open API so that the booking data can later be integrated with the city's "
            "health information systems."
        ),
        "trl": 6,
        "price_estimate": 520_000_000,
        "timeline_weeks": 14,
        "status": "submitted",
    },
    {
        "startup": "st-yte-so",
        "challenge": "ch-dat-lich-kham",
        "title": "Mô-đun hẹn khám tích hợp phần mềm quản lý trạm y tế",
        "summary": (
            "Bổ sung mô-đun hẹn khám và nhắc lịch vào phần mềm quản lý trạm y tế mà chúng tôi đang "
            "cung cấp, không cần hệ thống mới."
        ),
        "approach": (
            "Nhiều trạm y tế đang dùng phần mềm quản lý của Y Tế Số Việt để khám chữa bệnh bảo "
            "hiểm y tế. Chúng tôi đề xuất phát triển thêm mô-đun hẹn khám dùng chung dữ liệu người "
            "bệnh, lịch tiêm chủng và danh sách quản lý bệnh mạn tính. Người dân đặt lịch qua cổng "
            "thông tin của trạm hoặc qua ứng dụng sức khỏe của thành phố. Do được tích hợp sẵn, "
            "nhân viên trạm không phải nhập liệu hai lần và báo cáo được sinh tự động. Mô-đun có "
            "thể triển khai đồng loạt cho các trạm đang dùng phần mềm chỉ trong vài tuần."
        ),
        "trl": 6,
        "price_estimate": 400_000_000,
        "timeline_weeks": 10,
        "status": "draft",
    },
    {
        "startup": "st-tro-ly-cong",
        "challenge": "ch-dat-lich-kham",
        "title": "Trợ lý ảo đặt lịch khám qua Zalo cho trạm y tế",
        "summary": (
            "Dùng trợ lý ảo tiếng Việt để người dân đặt lịch, hỏi giờ làm việc và nhận nhắc lịch "
            "tiêm chủng qua Zalo."
        ),
        "approach": (
            "Trợ lý ảo được kết nối với lịch làm việc của trạm y tế, cho phép người dân nhắn tin "
            'tự nhiên như "mai cho chau di tiem duoc khong" để được gợi ý khung giờ còn trống và '
            "xác nhận đặt lịch. Hệ thống hiểu được tiếng Việt không dấu và viết tắt, phù hợp với "
            "thói quen nhắn tin. Ngoài đặt lịch, trợ lý trả lời câu hỏi về giấy tờ cần mang, chi "
            "phí và chương trình tiêm chủng mở rộng. Phần quản lý hàng chờ tại trạm sẽ phối hợp "
            "với đối tác phần cứng. Chúng tôi đề xuất thí điểm tại 5 trạm y tế trong 3 tháng."
        ),
        "trl": 6,
        "price_estimate": 380_000_000,
        "timeline_weeks": 12,
        "status": "submitted",
    },
    {
        "startup": "st-epiwatch",
        "challenge": "ch-canh-bao-sot-xuat-huyet",
        "title": "Ward-level dengue risk forecasting with explainable drivers",
        "summary": (
            "Integrate case, larval-survey and weather data into a weekly dengue risk map for five "
            "pilot districts, with alerts for district health centres."
        ),
        "approach": (
            "We will build a secure data pipeline that anonymises and harmonises historical dengue "
            "case reports, larval indices and hospitalisation records at ward level, and joins "
            "them with rainfall, temperature and population-density layers. A Bayesian "
            "spatio-temporal model, validated on the last three seasons, forecasts risk two to "
            "four weeks ahead and quantifies uncertainty where data are sparse. Each weekly map "
            "comes with plain-language explanations of the main drivers, for example recent heavy "
            "rainfall or rising larval indices. District health centres receive alerts and a "
            "ranked list of wards to prioritise for vector control. All code is documented and "
            "handed over to the city's data team, with training sessions during the final month."
        ),
        "trl": 5,
        "price_estimate": 1_100_000_000,
        "timeline_weeks": 26,
        "status": "submitted",
    },
    {
        "startup": "st-sinh-hoc-so",
        "challenge": "ch-canh-bao-sot-xuat-huyet",
        "title": "Giám sát chủng virus và mật độ muỗi phục vụ cảnh báo sớm sốt xuất huyết",
        "summary": (
            "Bổ sung dữ liệu phòng thí nghiệm về chủng virus Dengue và mật độ muỗi Aedes cho mô "
            "hình cảnh báo dịch của Sở Y tế."
        ),
        "approach": (
            "Sinh Học Số đề xuất lấy mẫu định kỳ tại 40 phường có nguy cơ cao, xét nghiệm PCR để "
            "xác định chủng virus đang lưu hành và theo dõi mật độ muỗi bằng bẫy trứng. Khi xuất "
            "hiện chủng virus mới hoặc mật độ muỗi tăng đột biến, hệ thống gửi cảnh báo cho trung "
            "tâm y tế quận. Dữ liệu được chuẩn hóa để tích hợp vào bất kỳ mô hình dự báo nào mà Sở "
            "Y tế lựa chọn. Chúng tôi không xây dựng mô hình dự báo toàn diện, nhưng dữ liệu sinh "
            "học là yếu tố quan trọng giúp dự báo chính xác hơn, đặc biệt khi có sự thay đổi chủng "
            "virus."
        ),
        "trl": 6,
        "price_estimate": 900_000_000,
        "timeline_weeks": 30,
        "status": "submitted",
    },
    {
        "startup": "st-clearsky",
        "challenge": "ch-canh-bao-sot-xuat-huyet",
        "title": "Climate and environmental data layers for dengue risk analysis",
        "summary": (
            "Provide satellite-derived humidity, temperature and land-cover layers that can be "
            "used as inputs to dengue models."
        ),
        "approach": (
            "ClearSky already processes satellite and weather-model data for air-quality mapping. "
            "For this challenge we would adapt our pipeline to deliver weekly raster layers of "
            "land-surface temperature, humidity, vegetation and standing water at 100-metre "
            "resolution across the city. These layers can be aggregated to ward level and fed into "
            "the Department's forecasting models. We do not have epidemiological expertise "
            "in-house, so we would partner with a public-health research group for the modelling "
            "part. The main value of our contribution is a reliable, automated environmental data "
            "feed."
        ),
        "trl": 4,
        "price_estimate": 600_000_000,
        "timeline_weeks": 16,
        "status": "draft",
    },
    {
        "startup": "st-carelink",
        "challenge": "ch-nguoi-cao-tuoi",
        "title": (
            "Vòng đeo tay phát hiện té ngã và cảnh báo khẩn cấp cho người cao tuổi sống một mình"
        ),
        "summary": (
            "Trang bị 200 vòng đeo tay CareLink cho người cao tuổi tại 2 phường, kết nối cảnh báo "
            "với người thân, trạm y tế và tổ dân phố."
        ),
        "approach": (
            "Mỗi người cao tuổi tham gia thí điểm được phát một vòng đeo tay có cảm biến gia tốc "
            "để phát hiện té ngã, đo nhịp tim và nút SOS. Khi phát hiện té ngã hoặc người dùng bấm "
            "nút, thiết bị tự động gọi đến người thân và gửi cảnh báo kèm vị trí đến trạm y tế "
            "phường trong vòng 60 giây. Nếu không ai phản hồi, tổng đài của CareLink sẽ gọi tổ "
            "trưởng tổ dân phố. Nhân viên trạm y tế theo dõi danh sách người cao tuổi trên bảng "
            "điều khiển và nhận báo cáo sức khỏe hàng tuần. Chi phí thiết bị khoảng 1.200.000 "
            "đồng, pin dùng 7 ngày, sạc bằng đế từ tính để người lớn tuổi dễ sử dụng."
        ),
        "trl": 7,
        "price_estimate": 780_000_000,
        "timeline_weeks": 20,
        "status": "submitted",
    },
    {
        "startup": "st-antam-home",
        "challenge": "ch-nguoi-cao-tuoi",
        "title": "Giam sat sinh hoat khong can deo thiet bi cho nguoi gia song mot minh",
        "summary": (
            "Lap cam bien chuyen dong va cam bien cua tai nha nguoi cao tuoi, tu dong canh bao khi "
            "thoi quen sinh hoat bat thuong."
        ),
        "approach": (
            "Nhieu cu gia quen thao vong deo tay hoac quen sac pin, vi vay AnTam Home dung cam "
            "bien gan tuong va cua, nguoi gia khong can thao tac gi. Moi nha lap 4 den 6 cam bien "
            "Zigbee va mot bo trung tam ket noi wifi hoac 4G. Mo hinh hoc may hoc thoi quen trong "
            "2 tuan, sau do canh bao khi co bat thuong nhu khong co chuyen dong trong phong khach "
            "den 10 gio sang, hoac o trong nha tam qua 45 phut. Canh bao duoc gui cho nguoi than "
            "va tram y te qua Zalo. Chung toi de xuat thi diem 100 ho tai Quan 5 va ket hop voi "
            "nut bam khan cap gia re."
        ),
        "trl": 4,
        "price_estimate": 600_000_000,
        "timeline_weeks": 18,
        "status": "submitted",
    },
    {
        "startup": "st-floodsense",
        "challenge": "ch-nguoi-cao-tuoi",
        "title": "Ứng dụng nền tảng cảm biến IoT cho giám sát nhà người cao tuổi",
        "summary": (
            "Tái sử dụng nền tảng LoRaWAN và bảng điều khiển của FloodSense để thu thập dữ liệu "
            "cảm biến trong nhà người cao tuổi."
        ),
        "approach": (
            "FloodSense có sẵn hạ tầng LoRaWAN và nền tảng hiển thị dữ liệu cảm biến theo thời "
            "gian thực. Chúng tôi đề xuất bổ sung các loại cảm biến trong nhà như cảm biến cửa, "
            "nhiệt độ và nút bấm khẩn cấp, truyền dữ liệu về cùng nền tảng. Cảnh báo được gửi qua "
            "Zalo khi có sự kiện bất thường. Đội ngũ chưa có kinh nghiệm trong lĩnh vực y tế nên "
            "sẽ cần trạm y tế hỗ trợ xây dựng kịch bản cảnh báo. Đây là phương án chi phí thấp, "
            "tận dụng hạ tầng có sẵn của thành phố."
        ),
        "trl": 3,
        "price_estimate": 300_000_000,
        "timeline_weeks": 12,
        "status": "draft",
    },
    {
        "startup": "st-eduhub",
        "challenge": "ch-hoc-lieu-so",
        "title": "Kho học liệu số THCS dùng chung có kiểm duyệt trên nền tảng EduHub",
        "summary": (
            "Triển khai kho học liệu số cho khối 6-9 với quy trình đóng góp, kiểm duyệt theo tổ "
            "chuyên môn và đăng nhập một lần với hệ thống ngành."
        ),
        "approach": (
            "EduHub sẽ thiết lập kho học liệu dùng chung theo cấu trúc môn học, khối lớp và chủ đề "
            "của chương trình GDPT 2018. Giáo viên tải lên bài giảng, phiếu học tập, đề kiểm tra; "
            "tổ chuyên môn cấp trường và cấp quận kiểm duyệt qua quy trình hai bước trước khi công "
            "bố. Mỗi tài liệu có giấy phép sử dụng rõ ràng và ghi nhận tác giả, giúp giáo viên "
            "được công nhận đóng góp. Học sinh truy cập bằng ứng dụng nhẹ, tải được tài liệu để "
            "học khi không có mạng. Đăng nhập một lần với hệ thống quản lý ngành giáo dục và bảng "
            "thống kê mức độ sử dụng theo trường sẽ được bàn giao cho Sở. Chúng tôi đề xuất thí "
            "điểm tại 40 trường THCS ở 4 quận, huyện."
        ),
        "trl": 8,
        "price_estimate": 1_500_000_000,
        "timeline_weeks": 24,
        "status": "submitted",
    },
    {
        "startup": "st-lophoc-mo",
        "challenge": "ch-hoc-lieu-so",
        "title": "Bộ học liệu mở và video bài giảng chuẩn GDPT 2018 cho THCS",
        "summary": (
            "Cung cấp 1.200 video bài giảng và học liệu mở do giáo viên cốt cán biên soạn, tích "
            "hợp vào kho học liệu của Sở."
        ),
        "approach": (
            "Lớp Học Mở tập trung vào nội dung: chúng tôi đã có thư viện video bài giảng Toán, Ngữ "
            "văn, Khoa học tự nhiên và Tiếng Anh cho khối 6-9. Trong dự án, chúng tôi sẽ phối hợp "
            "với giáo viên cốt cán của Sở để rà soát, bổ sung phần còn thiếu và chuyển đổi sang "
            "định dạng H5P tương tác. Toàn bộ nội dung được cấp phép Creative Commons để các "
            "trường sử dụng lại. Chúng tôi cũng tổ chức 20 buổi tập huấn giáo viên về thiết kế học "
            "liệu số. Nội dung có thể đưa lên bất kỳ nền tảng nào mà Sở lựa chọn."
        ),
        "trl": 7,
        "price_estimate": 900_000_000,
        "timeline_weeks": 30,
        "status": "submitted",
    },
    {
        "startup": "st-learnsignal",
        "challenge": "ch-hoc-lieu-so",
        "title": "Usage analytics for a shared digital learning resource library",
        "summary": (
            "Add analytics to the Department's learning resource platform to show which materials "
            "are used and how they relate to student outcomes."
        ),
        "approach": (
            "Rather than building the repository itself, LearnSignal proposes an analytics layer "
            "on top of whichever platform the Department selects. We would collect anonymised "
            "usage events, such as views, downloads and completion of interactive exercises, and "
            "present dashboards showing which resources are most used by subject and district. "
            "Where grade data is available, we would explore correlations between resource use and "
            "learning outcomes, with careful attention to privacy. This helps the Department "
            "decide which content to invest in and which schools need more support in adopting "
            "digital materials."
        ),
        "trl": 4,
        "price_estimate": 350_000_000,
        "timeline_weeks": 12,
        "status": "submitted",
    },
    {
        "startup": "st-di-san-so",
        "challenge": "ch-hoc-lieu-so",
        "title": "Học liệu thực tế ảo về lịch sử và địa lý địa phương",
        "summary": (
            "Bổ sung vào kho học liệu các tour thực tế ảo về di tích TP.HCM phục vụ môn Lịch sử và "
            "Địa lý."
        ),
        "approach": (
            "Di Sản Số đề xuất sản xuất 15 tour thực tế ảo và mô hình 3D các di tích tiêu biểu như "
            "chợ Bến Thành, Bưu điện Thành phố và địa đạo Củ Chi, gắn với bài học Lịch sử và Địa "
            "lý địa phương khối 6-9. Học sinh xem trên trình duyệt hoặc kính thực tế ảo giá rẻ. "
            "Giáo viên nhận kèm phiếu học tập và gợi ý hoạt động trên lớp. Giải pháp không thay "
            "thế nền tảng kho học liệu mà là nguồn nội dung bổ sung có tính trải nghiệm cao."
        ),
        "trl": 6,
        "price_estimate": 700_000_000,
        "timeline_weeks": 20,
        "status": "submitted",
    },
    {
        "startup": "st-learnsignal",
        "challenge": "ch-hoc-sinh-bo-hoc",
        "title": "Explainable dropout early-warning pilot for lower-secondary schools",
        "summary": (
            "Build and validate a transparent risk indicator from existing school data and pilot a "
            "teacher dashboard in ten schools in outlying districts."
        ),
        "approach": (
            "We will work with the Department's data team to extract two years of anonymised "
            "attendance, grades and basic family indicators from the school management system. "
            "Using interpretable models such as gradient-boosted trees with monotonic constraints, "
            "we will build a risk score and validate it against students who actually left school. "
            "A fairness audit will check error rates across gender, district and migrant status "
            "before deployment. Homeroom teachers will see a short list of students needing "
            "attention, described in supportive language, together with suggested actions such as "
            "contacting parents, counselling or linking families with ward social workers. We will "
            "measure the effect on attendance during one semester and publish a methodology report."
        ),
        "trl": 5,
        "price_estimate": 950_000_000,
        "timeline_weeks": 28,
        "status": "submitted",
    },
    {
        "startup": "st-edutrack",
        "challenge": "ch-hoc-sinh-bo-hoc",
        "title": "Cảnh báo học sinh vắng học kéo dài từ dữ liệu điểm danh tự động",
        "summary": (
            "Mở rộng hệ thống điểm danh và sổ liên lạc điện tử của EduTrack để tự động cảnh báo "
            "giáo viên chủ nhiệm và phụ huynh khi học sinh có dấu hiệu bỏ học."
        ),
        "approach": (
            "EduTrack đang được sử dụng tại nhiều trường THCS ở Bình Chánh và Củ Chi, dữ liệu điểm "
            "danh bằng thẻ được ghi nhận hàng ngày. Chúng tôi sẽ bổ sung bộ quy tắc cảnh báo dựa "
            "trên số buổi vắng liên tiếp, điểm số giảm và việc chậm đóng học phí, kết hợp mô hình "
            "học máy đơn giản để xếp hạng mức độ nguy cơ. Giáo viên chủ nhiệm nhận danh sách học "
            "sinh cần quan tâm mỗi tuần, phụ huynh nhận tin nhắn khi con vắng không phép. Báo cáo "
            "tổng hợp theo trường và theo xã giúp phòng giáo dục phối hợp với hội khuyến học hỗ "
            "trợ kịp thời."
        ),
        "trl": 7,
        "price_estimate": 700_000_000,
        "timeline_weeks": 16,
        "status": "submitted",
    },
    {
        "startup": "st-eduhub",
        "challenge": "ch-hoc-sinh-bo-hoc",
        "title": "Theo dõi mức độ tham gia học tập trực tuyến để phát hiện học sinh có nguy cơ",
        "summary": (
            "Dùng dữ liệu hoạt động trên LMS như nộp bài, đăng nhập và làm bài kiểm tra để bổ sung "
            "tín hiệu cảnh báo sớm."
        ),
        "approach": (
            "Nhiều trường đã dùng EduHub để giao bài và kiểm tra trực tuyến. Dữ liệu tương tác này "
            "phản ánh mức độ tham gia học tập và thường thay đổi sớm hơn điểm số. Chúng tôi đề "
            "xuất xây dựng chỉ số tham gia học tập cho từng học sinh và hiển thị trên sổ chủ nhiệm "
            "điện tử. Chỉ số này có thể kết hợp với dữ liệu điểm danh của Sở để tăng độ tin cậy. "
            "Hạn chế là không phải học sinh nào cũng có thiết bị để học trực tuyến, nên chỉ số cần "
            "được diễn giải thận trọng."
        ),
        "trl": 5,
        "price_estimate": 400_000_000,
        "timeline_weeks": 12,
        "status": "draft",
    },
    {
        "startup": "st-invoiceguard",
        "challenge": "ch-hoa-don-dien-tu",
        "title": "Graph-based detection of invoice trading networks and shell companies",
        "summary": (
            "Deploy InvoiceGuard on-premise at the Tax Department to score taxpayers weekly and "
            "explain suspicious invoice flows to auditors."
        ),
        "approach": (
            "InvoiceGuard will be installed inside the tax sector's data centre so that no data "
            "leaves government infrastructure. We ingest e-invoice records and taxpayer "
            "registration data into a graph of buyers and sellers, updated daily. Graph features "
            "such as circular invoice flows, sudden growth in centrality and mismatches between "
            "goods and registered business lines are combined with a graph neural network to "
            "produce a weekly risk score. Each alert includes an interactive subgraph and a "
            "plain-language explanation, so auditors can see why a company was flagged. Before "
            "go-live, the model will be back-tested on confirmed historical cases to measure "
            "recall and false positives, and thresholds will be tuned together with the "
            "Department's audit teams."
        ),
        "trl": 6,
        "price_estimate": 2_600_000_000,
        "timeline_weeks": 30,
        "status": "submitted",
    },
    {
        "startup": "st-thue-ai",
        "challenge": "ch-hoa-don-dien-tu",
        "title": "Chấm điểm rủi ro hóa đơn điện tử kết hợp dữ liệu tờ khai",
        "summary": (
            "Đối chiếu hóa đơn điện tử với tờ khai thuế GTGT và dữ liệu đăng ký kinh doanh để phát "
            "hiện doanh nghiệp có dấu hiệu mua bán hóa đơn."
        ),
        "approach": (
            "ThuếAI xây dựng kho dữ liệu phân tích trên ClickHouse chứa hóa đơn, tờ khai và thông "
            "tin đăng ký doanh nghiệp. Chúng tôi áp dụng hơn 60 tiêu chí rủi ro do chuyên gia thuế "
            "xây dựng, như doanh nghiệp mới thành lập có doanh thu tăng đột biến, xuất hóa đơn mặt "
            "hàng không thuộc ngành nghề đăng ký, hoặc một người đứng tên đại diện cho nhiều doanh "
            "nghiệp. Mô hình XGBoost được huấn luyện trên các vụ việc đã xử lý để kết hợp các tiêu "
            "chí thành điểm rủi ro. Kết quả hiển thị theo từng chi cục thuế, kèm lý do cảnh báo. "
            "Giải pháp được triển khai trên hạ tầng của ngành thuế và bàn giao mã nguồn."
        ),
        "trl": 5,
        "price_estimate": 1_700_000_000,
        "timeline_weeks": 26,
        "status": "submitted",
    },
    {
        "startup": "st-ledgerly",
        "challenge": "ch-hoa-don-dien-tu",
        "title": "Self-check e-invoice validation for small businesses",
        "summary": (
            "Help household businesses validate incoming e-invoices against the taxpayer registry "
            "before recording them, reducing accidental use of illegitimate invoices."
        ),
        "approach": (
            "Ledgerly already reads e-invoices for its bookkeeping users. We propose a free "
            "validation feature that checks each incoming invoice against the seller's "
            "registration status and flags invoices from companies that have stopped operating or "
            "changed address. Aggregated, anonymised statistics about flagged sellers could be "
            "shared with the Tax Department as an additional signal. This approach addresses the "
            "demand side of invoice trading rather than detection inside the tax authority, so it "
            "would complement, not replace, a central analytics system."
        ),
        "trl": 6,
        "price_estimate": 450_000_000,
        "timeline_weeks": 10,
        "status": "submitted",
    },
    {
        "startup": "st-vietnlp",
        "challenge": "ch-hoa-don-dien-tu",
        "title": "Text mining of invoice line items for goods classification",
        "summary": (
            "Classify free-text goods descriptions on e-invoices into standard product codes to "
            "help detect mismatches with registered business lines."
        ),
        "approach": (
            "Invoice line items are written in free Vietnamese text with abbreviations and "
            "spelling variants, which makes it hard to compare them with a company's registered "
            "activities. VietNLP Labs would fine-tune a Vietnamese language model to map each "
            "description to standard product and service codes, with a confidence score for every "
            "prediction. The output can be used as an extra feature in the Department's existing "
            "risk rules or in any new scoring model. This is a focused component, not a complete "
            "fraud-detection system."
        ),
        "trl": 5,
        "price_estimate": 500_000_000,
        "timeline_weeks": 12,
        "status": "draft",
    },
    {
        "startup": "st-shoplens",
        "challenge": "ch-tuan-thu-thue-tmdt",
        "title": "Cross-platform seller matching and revenue estimation for tax compliance",
        "summary": (
            "Link online seller accounts across marketplaces and social channels to taxpayer "
            "records and segment them by estimated revenue and compliance risk."
        ),
        "approach": (
            "ShopLens will combine the structured data that marketplaces report to the tax "
            "authority with our own public listing data. Our entity-resolution engine matches "
            "accounts using names, phone fragments, addresses, bank-account hints and product "
            "catalogues, and we will measure precision on a manually labelled sample before "
            "scaling. Revenue is estimated consistently across platforms from orders, prices and "
            "review velocity. Sellers are then segmented into groups: likely below the tax "
            "threshold, likely compliant, likely under-declaring, and unregistered. For each group "
            "we propose proportionate actions, from Vietnamese-language reminder messages and "
            "simple guides to referral for audit. The pilot will cover sellers registered in "
            "District 10 and Tân Bình."
        ),
        "trl": 6,
        "price_estimate": 1_500_000_000,
        "timeline_weeks": 24,
        "status": "submitted",
    },
    {
        "startup": "st-thue-ai",
        "challenge": "ch-tuan-thu-thue-tmdt",
        "title": "Phân nhóm người bán hàng trực tuyến theo mức độ tuân thủ thuế",
        "summary": (
            "Áp dụng mô hình phân nhóm người nộp thuế của ThuếAI cho dữ liệu mà các sàn thương mại "
            "điện tử cung cấp cho cơ quan thuế."
        ),
        "approach": (
            "Chúng tôi sẽ chuẩn hóa dữ liệu người bán do các sàn thương mại điện tử cung cấp, đối "
            "chiếu với mã số thuế và số định danh cá nhân để xác định người bán đã đăng ký hay "
            "chưa. Doanh thu ước tính được so sánh với doanh thu kê khai để tính mức độ chênh "
            "lệch. Người bán được phân thành các nhóm tuân thủ và Cục Thuế có thể gửi thông báo "
            "nhắc nhở tự động qua email, tin nhắn cho từng nhóm. Hạn chế là chúng tôi chưa có dữ "
            "liệu từ livestream và mạng xã hội, nên giai đoạn đầu chỉ tập trung vào các sàn lớn."
        ),
        "trl": 5,
        "price_estimate": 1_000_000_000,
        "timeline_weeks": 20,
        "status": "submitted",
    },
    {
        "startup": "st-sanmua",
        "challenge": "ch-tuan-thu-thue-tmdt",
        "title": "Tích hợp kê khai thuế cho người bán trên Sàn Mua",
        "summary": (
            "Hỗ trợ người bán trên Sàn Mua tự động tạo tờ khai thuế từ dữ liệu đơn hàng và nộp "
            "trực tuyến."
        ),
        "approach": (
            "Sàn Mua có dữ liệu đơn hàng và doanh thu của hơn 3.000 người bán. Chúng tôi đề xuất "
            "tính năng tự động tính thuế theo doanh thu cho hộ kinh doanh, nhắc hạn nộp và kết nối "
            "với cổng thuế điện tử để nộp tờ khai. Cục Thuế nhận báo cáo tổng hợp định kỳ về số "
            "người bán đã kê khai. Giải pháp giúp người bán tuân thủ tự nguyện nhưng chỉ áp dụng "
            "cho người bán trên nền tảng của chúng tôi, không bao gồm phân tích dữ liệu từ các sàn "
            "khác."
        ),
        "trl": 7,
        "price_estimate": 300_000_000,
        "timeline_weeks": 10,
        "status": "submitted",
    },
    {
        "startup": "st-trafficvision",
        "challenge": "ch-camera-giao-thong",
        "title": (
            "Edge AI analytics on existing traffic cameras for congestion and incident detection"
        ),
        "summary": (
            "Run TrafficVision models on the city's existing camera streams at 30 junctions to "
            "count vehicles, detect incidents and publish flow data via API."
        ),
        "approach": (
            "We connect to existing ONVIF camera streams at the operations centre and deploy "
            "models tuned on more than two million annotated frames from Vietnamese streets, "
            "including motorbikes, three-wheel carts and buses in rain and at night. For junctions "
            "with limited bandwidth we place NVIDIA Jetson edge units in roadside cabinets. The "
            "system estimates density, speed and queue length per approach, detects stalled "
            "vehicles, crashes and illegal stopping, and raises alerts in the operations centre "
            "within two minutes. Aggregated counts are published through a REST and Kafka API for "
            "signal control and traffic maps. No faces are stored, and licence plates are "
            "processed only when enforcement is explicitly enabled. Accuracy is reported monthly "
            "against manual counts."
        ),
        "trl": 7,
        "price_estimate": 2_400_000_000,
        "timeline_weeks": 24,
        "status": "submitted",
    },
    {
        "startup": "st-mat-duong",
        "challenge": "ch-camera-giao-thong",
        "title": "Camera AI phát hiện ùn tắc và vi phạm tại nút giao trọng điểm",
        "summary": (
            "Tích hợp phần mềm Mắt Đường với hệ thống camera hiện có để phát hiện ùn tắc, xe dừng "
            "đỗ sai quy định và hỗ trợ xử lý vi phạm."
        ),
        "approach": (
            "Mắt Đường sẽ khảo sát 30 nút giao thí điểm, đánh giá góc quay và chất lượng hình ảnh "
            "của camera hiện hữu, đề xuất điều chỉnh hoặc bổ sung camera ở những vị trí không đạt "
            "yêu cầu. Mô hình nhận dạng được huấn luyện lại với dữ liệu tại TP.HCM để phân loại xe "
            "máy, ô tô, xe buýt và xe ba gác. Hệ thống tính mật độ và tốc độ, cảnh báo khi hàng "
            "chờ vượt ngưỡng, đồng thời phát hiện xe dừng đỗ sai quy định và nhận dạng biển số "
            "phục vụ xử phạt nguội. Dữ liệu được đẩy về trung tâm điều hành qua API. Chúng tôi đã "
            "thí điểm tại Bình Dương với độ chính xác nhận dạng biển số trên 95%."
        ),
        "trl": 7,
        "price_estimate": 2_000_000_000,
        "timeline_weeks": 26,
        "status": "submitted",
    },
    {
        "startup": "st-smartlot",
        "challenge": "ch-camera-giao-thong",
        "title": "Mở rộng công nghệ nhận dạng biển số từ bãi xe sang camera giao thông",
        "summary": (
            "Áp dụng mô-đun nhận dạng biển số của SmartLot cho camera tại nút giao để đếm xe và đo "
            "thời gian di chuyển giữa các nút."
        ),
        "approach": (
            "Bằng cách nhận dạng biển số tại hai nút giao liên tiếp, hệ thống có thể tính thời "
            "gian di chuyển thực tế trên từng đoạn đường và phát hiện ùn tắc. SmartLot có kinh "
            "nghiệm nhận dạng biển số ô tô và xe máy tại cổng bãi xe, nơi điều kiện ánh sáng và "
            "góc quay thuận lợi hơn nhiều. Với camera giao thông, chúng tôi cần thử nghiệm thêm "
            "trong điều kiện mưa và ban đêm. Giải pháp tập trung vào đo thời gian di chuyển, không "
            "bao gồm phát hiện tai nạn hay phân loại phương tiện."
        ),
        "trl": 4,
        "price_estimate": 900_000_000,
        "timeline_weeks": 20,
        "status": "submitted",
    },
    {
        "startup": "st-busnow",
        "challenge": "ch-camera-giao-thong",
        "title": "Ket hop du lieu xe buyt de uoc tinh toc do giao thong",
        "summary": (
            "Dung du lieu GPS xe buyt lam nguon bo sung de uoc tinh toc do va phat hien un tac "
            "tren cac tuyen duong."
        ),
        "approach": (
            "Xe buyt chay lien tuc tren nhieu tuyen duong chinh, vi vay du lieu GPS cua xe buyt co "
            "the dung de uoc tinh toc do giao thong. BusNow de xuat xay dung ban do toc do tu du "
            "lieu xe buyt va so sanh voi ket qua phan tich tu camera. Giai phap nay khong phan "
            "tich hinh anh camera nhung co the giup kiem tra cheo va bo sung thong tin cho cac "
            "doan duong chua co camera. Chi phi thap vi tan dung du lieu san co cua So."
        ),
        "trl": 4,
        "price_estimate": 250_000_000,
        "timeline_weeks": 8,
        "status": "draft",
    },
    {
        "startup": "st-transitflow",
        "challenge": "ch-du-lieu-xe-buyt",
        "title": "GPS data fusion, arrival prediction and open GTFS feeds for the city bus network",
        "summary": (
            "Clean and fuse operator GPS feeds, predict arrival times and publish GTFS and "
            "GTFS-Realtime for all pilot routes, with punctuality dashboards."
        ),
        "approach": (
            "TransitFlow will connect to the GPS feeds of all operators on the pilot routes and "
            "normalise them into a single real-time stream. Map-matching and outlier filtering "
            "correct jumps caused by poor signal in dense areas of District 1 and District 5. "
            "Arrival times are predicted with a gradient-boosting model that uses historical "
            "running times, time of day, weather and live traffic speeds. We will convert "
            "timetables into validated GTFS, publish GTFS-Realtime trip updates and vehicle "
            "positions, and provide a change-management tool so that route changes reach "
            "passengers the same day. Operators and the Department get dashboards for punctuality, "
            "headway regularity and estimated ridership."
        ),
        "trl": 8,
        "price_estimate": 1_400_000_000,
        "timeline_weeks": 20,
        "status": "submitted",
    },
    {
        "startup": "st-busnow",
        "challenge": "ch-du-lieu-xe-buyt",
        "title": "Nang cap du bao gio xe buyt den tram va chia se du lieu mo",
        "summary": (
            "Cai thien mo hinh du bao cua BusNow, cung cap du lieu cho ung dung chinh thuc va xuat "
            "ban du lieu theo chuan GTFS."
        ),
        "approach": (
            "BusNow da xu ly du lieu GPS xe buyt TP.HCM trong 2 nam nen hieu ro cac loi thuong gap "
            "nhu mat tin hieu, xe chay sai lo trinh hoac du lieu bi tre. Chung toi se xay dung quy "
            "trinh lam sach du lieu tu dong, cai thien mo hinh du bao bang du lieu lich su va toc "
            "do giao thong, sau do cung cap API cho ung dung xe buyt chinh thuc cua So. Lich trinh "
            "va vi tri xe duoc xuat ban theo chuan GTFS va GTFS-Realtime. Ngoai ra, chung toi thu "
            "thap phan hoi cua hanh khach ngay trong ung dung de phat hien sai lech."
        ),
        "trl": 7,
        "price_estimate": 800_000_000,
        "timeline_weeks": 16,
        "status": "submitted",
    },
    {
        "startup": "st-mat-duong",
        "challenge": "ch-du-lieu-xe-buyt",
        "title": "Đếm hành khách lên xuống xe buýt bằng camera",
        "summary": (
            "Lắp camera AI trên xe buýt để đếm hành khách lên xuống tại từng trạm, phục vụ thống "
            "kê sản lượng."
        ),
        "approach": (
            "Mắt Đường đề xuất lắp camera tại cửa lên xuống của 50 xe buýt thí điểm, dùng mô hình "
            "thị giác máy tính để đếm số hành khách tại từng trạm. Dữ liệu được gửi về máy chủ "
            "theo thời gian thực qua mạng 4G và gắn với vị trí GPS của xe. Thông tin này giúp Sở "
            "đánh giá sản lượng hành khách và điều chỉnh tần suất chạy xe. Giải pháp không trực "
            "tiếp cải thiện dự báo giờ xe đến nhưng bổ sung dữ liệu hành khách còn thiếu."
        ),
        "trl": 5,
        "price_estimate": 750_000_000,
        "timeline_weeks": 14,
        "status": "submitted",
    },
    {
        "startup": "st-doxe",
        "challenge": "ch-bai-do-xe",
        "title": "Cảm biến chỗ đỗ NB-IoT và thu phí không tiền mặt khu vực Bến Thành",
        "summary": (
            "Lắp 1.000 cảm biến chỗ đỗ trên các tuyến đường quanh Bến Thành, Nguyễn Huệ, Lê Lợi, "
            "kèm ứng dụng tìm chỗ và thanh toán điện tử."
        ),
        "approach": (
            "Mỗi vị trí đỗ được gắn một cảm biến từ trường chống nước IP68, khoan lắp trực tiếp "
            "trên mặt đường trong vòng 15 phút, truyền dữ liệu qua NB-IoT với pin 5 năm. Ứng dụng "
            "ĐỗXe hiển thị chỗ trống theo thời gian thực, chỉ đường đến vị trí gần nhất và cho "
            "phép thanh toán theo phút qua ví điện tử hoặc tài khoản giao thông. Bảng điện tử tại "
            "đầu tuyến hiển thị số chỗ trống. Lực lượng kiểm tra dùng ứng dụng riêng để xem xe nào "
            "đỗ quá giờ hoặc chưa thanh toán. Dữ liệu công suất sử dụng theo giờ được tổng hợp để "
            "Sở đề xuất điều chỉnh mức phí theo cao điểm."
        ),
        "trl": 7,
        "price_estimate": 2_200_000_000,
        "timeline_weeks": 22,
        "status": "submitted",
    },
    {
        "startup": "st-smartlot",
        "challenge": "ch-bai-do-xe",
        "title": "Bãi đỗ lòng đường dùng camera nhận dạng biển số",
        "summary": (
            "Dùng camera gắn cột đèn nhận dạng biển số để xác định chỗ trống và tính phí tự động, "
            "không cần lắp cảm biến dưới mặt đường."
        ),
        "approach": (
            "Thay vì gắn cảm biến cho từng vị trí, SmartLot lắp camera trên cột đèn, mỗi camera "
            "bao quát 10 đến 15 chỗ đỗ. Phần mềm nhận dạng biển số ghi nhận thời điểm xe vào và "
            "ra, tự tính phí và gửi yêu cầu thanh toán qua ứng dụng hoặc tin nhắn. Cách làm này "
            "giảm thi công trên mặt đường và phù hợp với khu vực thường xuyên ngập. Chúng tôi tích "
            "hợp với các ví điện tử phổ biến và cung cấp cổng quản lý cho Sở. Dữ liệu biển số chỉ "
            "được lưu có thời hạn và được mã hóa."
        ),
        "trl": 6,
        "price_estimate": 1_900_000_000,
        "timeline_weeks": 20,
        "status": "submitted",
    },
    {
        "startup": "st-chopay",
        "challenge": "ch-bai-do-xe",
        "title": "Thanh toán phí đỗ xe bằng mã QR",
        "summary": (
            "Cung cấp mã QR thanh toán tại từng vị trí đỗ xe để người lái xe trả phí qua ứng dụng "
            "ngân hàng."
        ),
        "approach": (
            "ChợPay đề xuất gắn biển mã QR theo chuẩn VietQR tại từng ô đỗ trên các tuyến đường "
            "thí điểm. Người lái xe quét mã, chọn thời gian đỗ và thanh toán qua bất kỳ ứng dụng "
            "ngân hàng nào mà không cần cài thêm ứng dụng. Nhân viên kiểm tra dùng điện thoại để "
            "xem các ô đã thanh toán và thời gian còn lại. Giải pháp đơn giản, chi phí thấp và "
            "triển khai nhanh, nhưng không cung cấp thông tin chỗ trống theo thời gian thực."
        ),
        "trl": 7,
        "price_estimate": 250_000_000,
        "timeline_weeks": 6,
        "status": "submitted",
    },
    {
        "startup": "st-floodsense",
        "challenge": "ch-canh-bao-ngap",
        "title": "Mạng cảm biến mực nước LoRaWAN và bản đồ cảnh báo ngập cho TP Thủ Đức",
        "summary": (
            "Lắp 50 cảm biến siêu âm chạy năng lượng mặt trời tại các điểm ngập trọng điểm, cập "
            "nhật bản đồ ngập 5 phút một lần và gửi cảnh báo qua Zalo."
        ),
        "approach": (
            "FloodSense sẽ phối hợp với các phường khảo sát và chọn 50 điểm ngập thường xuyên như "
            "Kha Vạn Cân, Quốc lộ 13 và Đỗ Xuân Hợp. Cảm biến siêu âm gắn trên cột điện đo mực "
            "nước mỗi phút, chạy năng lượng mặt trời và gửi dữ liệu qua 6 gateway LoRaWAN phủ sóng "
            "toàn khu vực. Dữ liệu được hiển thị trên bản đồ ngập công khai và cảnh báo qua Zalo "
            "OA khi mực nước vượt 10, 20 hoặc 30 cm. Để dự báo trước 1-3 giờ, chúng tôi kết hợp dữ "
            "liệu lượng mưa và thủy triều với mô hình học máy đơn giản, đồng thời sẵn sàng tích "
            "hợp với mô hình thủy lực của đối tác. API mở giúp trung tâm điều hành đô thị thông "
            "minh sử dụng dữ liệu."
        ),
        "trl": 6,
        "price_estimate": 1_600_000_000,
        "timeline_weeks": 20,
        "status": "submitted",
    },
    {
        "startup": "st-hydromap",
        "challenge": "ch-canh-bao-ngap",
        "title": (
            "Street-level flood forecasting for Thủ Đức combining sensors, radar and drainage "
            "models"
        ),
        "summary": (
            "Build a hydraulic model of Thủ Đức's drainage network, assimilate sensor and rainfall "
            "radar data, and forecast street flooding up to three hours ahead."
        ),
        "approach": (
            "HydroMap will build a coupled SWMM and two-dimensional surface model of the drainage "
            "network in the most flood-prone wards, using survey data from the drainage company "
            "and high-resolution elevation data. The model assimilates real-time water-level "
            "readings from the sensor network, rainfall radar nowcasts and tide forecasts for the "
            "Saigon River. Forecasts are produced every 15 minutes and mapped at street level, "
            "with estimated depth and duration. We can partner with a local sensor provider for "
            "hardware and focus ourselves on forecasting and decision support, for example "
            "recommending which pumping stations to activate. The model and training materials "
            "will be handed over to the city's smart-city operations centre."
        ),
        "trl": 6,
        "price_estimate": 2_300_000_000,
        "timeline_weeks": 32,
        "status": "submitted",
    },
    {
        "startup": "st-airsense",
        "challenge": "ch-canh-bao-ngap",
        "title": "Bổ sung cảm biến mực nước vào trạm quan trắc môi trường đa chức năng",
        "summary": (
            "Tích hợp đo mực nước ngập vào trạm quan trắc không khí AirSense để dùng chung hạ "
            "tầng, nguồn điện và đường truyền."
        ),
        "approach": (
            "AirSense đang vận hành nhiều trạm quan trắc không khí gắn trên cột đèn. Chúng tôi đề "
            "xuất bổ sung cảm biến mực nước vào cùng thiết bị tại các vị trí trùng với điểm ngập, "
            "giúp giảm chi phí lắp đặt và bảo trì. Dữ liệu được truyền qua NB-IoT về cùng nền "
            "tảng, hiển thị trên bản đồ và có API mở cho trung tâm điều hành. Chúng tôi chưa có mô "
            "hình dự báo ngập nên sẽ cần hợp tác với một đối tác chuyên về thủy văn."
        ),
        "trl": 4,
        "price_estimate": 900_000_000,
        "timeline_weeks": 18,
        "status": "draft",
    },
    {
        "startup": "st-archivo",
        "challenge": "ch-canh-bao-ngap",
        "title": "Quan ly ho so thoat nuoc va bao cao ngap dien tu",
        "summary": (
            "Dung phan mem Archivo de luu tru bao cao ngap va ho so cong trinh thoat nuoc cua cac "
            "phuong."
        ),
        "approach": (
            "Archivo de xuat so hoa va quan ly tap trung cac bao cao ngap, bien ban kiem tra va "
            "ban ve cong trinh thoat nuoc cua cac phuong tren he thong luu tru dien tu. Can bo co "
            "the tim kiem nhanh lich su ngap tai tung tuyen duong va xem lai cac bien phap da thuc "
            "hien. Giai phap khong bao gom cam bien hay canh bao theo thoi gian thuc, nhung giup "
            "quan ly tai lieu ve thoat nuoc tot hon."
        ),
        "trl": 8,
        "price_estimate": 400_000_000,
        "timeline_weeks": 10,
        "status": "withdrawn",
    },
    {
        "startup": "st-xanh-tuan-hoan",
        "challenge": "ch-phan-loai-rac",
        "title": "Tích điểm đổi quà và cân điện tử cho rác tái chế tại chung cư",
        "summary": (
            "Triển khai ứng dụng Xanh Tuần Hoàn tại 20 chung cư Quận 7 và 5 khu phố Gò Vấp, ghi "
            "nhận khối lượng rác theo loại mỗi ngày."
        ),
        "approach": (
            "Mỗi hộ gia đình có mã QR riêng. Khi bàn giao rác tái chế hoặc rác hữu cơ tại điểm thu "
            "gom, nhân viên quét mã và cân bằng cân điện tử kết nối Bluetooth, điểm thưởng được "
            "cộng ngay vào ứng dụng để đổi quà hoặc giảm phí vệ sinh. Nội dung hướng dẫn phân loại "
            "bằng hình ảnh, video ngắn và các buổi truyền thông trực tiếp cùng ban quản trị chung "
            "cư. Chúng tôi làm việc với hợp tác xã vệ sinh môi trường và mạng lưới ve chai để bảo "
            "đảm rác đã phân loại không bị đổ chung. Lộ trình xe thu gom được theo dõi bằng GPS. "
            "Báo cáo tỷ lệ phân loại theo phường được cập nhật hằng ngày cho Sở."
        ),
        "trl": 8,
        "price_estimate": 1_100_000_000,
        "timeline_weeks": 24,
        "status": "submitted",
    },
    {
        "startup": "st-greenbin",
        "challenge": "ch-phan-loai-rac",
        "title": "Thung rac thong minh huong dan phan loai va toi uu thu gom",
        "summary": (
            "Dat 60 thung rac thong minh tai chung cu va truong hoc, nhan dang loai rac bang "
            "camera va bao muc day de dieu phoi xe thu gom."
        ),
        "approach": (
            "Moi tram GreenBin gom ba ngan: rac huu co, rac tai che va rac con lai. Camera nho "
            "nhan dang vat nguoi dan dang cam tren tay va man hinh goi y ngan dung. Cam bien sieu "
            "am do muc day va gui du lieu qua LoRaWAN, he thong tu dong lap lo trinh thu gom toi "
            "uu cho hop tac xa. Du lieu ve ty le bo dung ngan duoc tong hop theo khu vuc de danh "
            "gia hieu qua tuyen truyen. Chung toi de xuat thi diem tai 10 chung cu o Quan 7 va 10 "
            "truong hoc o Go Vap."
        ),
        "trl": 5,
        "price_estimate": 1_300_000_000,
        "timeline_weeks": 20,
        "status": "submitted",
    },
    {
        "startup": "st-pixel-saigon",
        "challenge": "ch-phan-loai-rac",
        "title": "Game di động nâng cao nhận thức phân loại rác cho học sinh",
        "summary": (
            "Phát triển trò chơi giúp học sinh tiểu học và THCS học cách phân loại rác, kết nối "
            "với hoạt động thu gom tại trường."
        ),
        "approach": (
            "Pixel Sài Gòn sẽ thiết kế một trò chơi ngắn trong đó người chơi phân loại các vật "
            "dụng quen thuộc trong gia đình Việt Nam và nhận điểm khi phân loại đúng. Nhà trường "
            "tổ chức thi đua giữa các lớp và kết nối với ngày hội đổi rác lấy quà. Phụ huynh được "
            "mời tham gia các thử thách cuối tuần cùng con. Trò chơi giúp thay đổi nhận thức lâu "
            "dài nhưng không cung cấp dữ liệu khối lượng rác hay giám sát thu gom."
        ),
        "trl": 5,
        "price_estimate": 350_000_000,
        "timeline_weeks": 10,
        "status": "submitted",
    },
    {
        "startup": "st-airsense",
        "challenge": "ch-chat-luong-khong-khi",
        "title": (
            "Mạng 100 trạm quan trắc không khí giá rẻ đã hiệu chuẩn tại trường học và trụ sở phường"
        ),
        "summary": (
            "Lắp đặt và hiệu chuẩn 100 trạm AirSense tại 4 quận, công bố chỉ số AQI theo giờ và "
            "API dữ liệu mở."
        ),
        "approach": (
            "Trạm AirSense đo PM2.5, PM10, NO2, CO, nhiệt độ và độ ẩm, được lắp tại trường học, "
            "trụ sở UBND phường và trạm xe buýt ở Bình Tân, Tân Phú, Thủ Đức và Quận 1. Trước khi "
            "lắp, mỗi trạm được đặt cạnh trạm quan trắc chuẩn trong hai tuần để hiệu chuẩn; sau đó "
            "thuật toán học máy hiệu chỉnh theo độ ẩm và nhiệt độ, và được kiểm tra chéo định kỳ. "
            "Dữ liệu được kiểm soát chất lượng tự động, loại bỏ giá trị bất thường. Bản đồ AQI "
            "công khai kèm khuyến cáo sức khỏe bằng tiếng Việt và tiếng Anh, có API mở theo chuẩn "
            "OGC SensorThings. Báo cáo hiệu chuẩn được công bố minh bạch."
        ),
        "trl": 8,
        "price_estimate": 1_700_000_000,
        "timeline_weeks": 20,
        "status": "submitted",
    },
    {
        "startup": "st-clearsky",
        "challenge": "ch-chat-luong-khong-khi",
        "title": (
            "Neighbourhood-scale air-quality maps fusing satellite, sensors and weather models"
        ),
        "summary": (
            "Fuse satellite observations, low-cost sensor readings and weather forecasts to "
            "produce hourly air-quality maps and three-day pollution forecasts."
        ),
        "approach": (
            "ClearSky will ingest Sentinel-5P nitrogen dioxide and aerosol products, "
            "reference-station data and readings from the low-cost sensor network selected by the "
            "Department. A deep-learning downscaling model produces hourly maps at 500-metre "
            "resolution, filling gaps between sensors, and a forecasting model predicts pollution "
            "episodes up to three days ahead. We will compute exposure indicators for schools and "
            "hospitals and provide a public dashboard and open API. We do not manufacture "
            "hardware, so we propose to partner with a local sensor company and focus on "
            "calibration quality and analytics."
        ),
        "trl": 6,
        "price_estimate": 1_200_000_000,
        "timeline_weeks": 24,
        "status": "submitted",
    },
    {
        "startup": "st-floodsense",
        "challenge": "ch-chat-luong-khong-khi",
        "title": "Tận dụng mạng LoRaWAN của FloodSense cho cảm biến bụi mịn",
        "summary": (
            "Lắp thêm cảm biến bụi mịn PM2.5 giá rẻ trên hạ tầng LoRaWAN và cột gắn cảm biến mực "
            "nước hiện có."
        ),
        "approach": (
            "Chúng tôi đã có kinh nghiệm lắp đặt cảm biến ngoài trời chạy năng lượng mặt trời và "
            "vận hành mạng LoRaWAN tại TP Thủ Đức. Đề xuất bổ sung cảm biến bụi PM2.5 và PM10 trên "
            "cùng cột, dùng chung gateway và nền tảng hiển thị để giảm chi phí. Dữ liệu được công "
            "bố trên bản đồ trực tuyến. Tuy nhiên, chúng tôi chưa có kinh nghiệm hiệu chuẩn cảm "
            "biến không khí với trạm chuẩn, nên sẽ cần hỗ trợ kỹ thuật từ Sở."
        ),
        "trl": 4,
        "price_estimate": 500_000_000,
        "timeline_weeks": 14,
        "status": "submitted",
    },
    {
        "startup": "st-tro-ly-cong",
        "challenge": "ch-chatbot-dich-vu-cong",
        "title": "Trợ lý ảo dịch vụ công dựa trên cơ sở dữ liệu thủ tục hành chính chính thức",
        "summary": (
            "Triển khai trợ lý ảo trả lời về 200 thủ tục phổ biến trên Cổng dịch vụ công và Zalo "
            "OA, có trích dẫn nguồn và chuyển cán bộ khi không chắc chắn."
        ),
        "approach": (
            "Trợ Lý Công đồng bộ hằng ngày cơ sở dữ liệu thủ tục hành chính của Thành phố, tách "
            "nội dung thành từng mục như điều kiện, thành phần hồ sơ, phí, thời hạn và cơ quan "
            "giải quyết. Khi người dân hỏi, hệ thống chuẩn hóa câu hỏi (thêm dấu, mở rộng viết tắt "
            'như "gpkd", "ho khau"), tìm đoạn liên quan và dùng mô hình ngôn ngữ sinh câu trả lời '
            "ngắn gọn kèm đường dẫn đến biểu mẫu. Câu trả lời luôn trích dẫn nguồn; nếu độ tin cậy "
            "thấp, hệ thống chuyển cho cán bộ trực. Chúng tôi xây dựng bộ kiểm thử 2.000 câu hỏi "
            "thực tế từ tổng đài để đo độ chính xác. Cán bộ cập nhật nội dung qua giao diện quản "
            "trị mà không cần lập trình."
        ),
        "trl": 7,
        "price_estimate": 1_600_000_000,
        "timeline_weeks": 20,
        "status": "submitted",
    },
    {
        "startup": "st-vietnlp",
        "challenge": "ch-chatbot-dich-vu-cong",
        "title": (
            "On-premise Vietnamese question answering for public services with guarded generation"
        ),
        "summary": (
            "Deploy VietNLP's retrieval-augmented QA engine on city infrastructure, grounded in "
            "the official procedure database, with voice support for the citizen hotline."
        ),
        "approach": (
            "Our Vietnamese language model is trained on administrative and legal text and runs "
            "on-premise, so citizens' questions never leave city infrastructure. A retrieval layer "
            "indexes the official database of administrative procedures, and answers are generated "
            "only from retrieved passages, with citations and a refusal mechanism when evidence is "
            "insufficient. A normalisation module handles text typed without diacritics, "
            "abbreviations and southern dialect terms. Beyond the web portal and Zalo OA, we add "
            "speech recognition and text-to-speech so the same assistant can handle routine calls "
            "to the citizen hotline. We will evaluate on a test set built with the Department and "
            "report accuracy, hallucination rate and escalation rate every month."
        ),
        "trl": 7,
        "price_estimate": 2_200_000_000,
        "timeline_weeks": 24,
        "status": "submitted",
    },
    {
        "startup": "st-queuewise",
        "challenge": "ch-chatbot-dich-vu-cong",
        "title": "Appointment booking for public service counters",
        "summary": (
            "Let citizens book a time slot at ward public-service counters online, reducing "
            "waiting time for in-person procedures."
        ),
        "approach": (
            "While the challenge focuses on a virtual assistant, many citizens still need to visit "
            "a counter to submit original documents or collect results. QueueWise would offer "
            "online booking for ward and district public-service centres, with SMS reminders and "
            "real-time queue status. A simple FAQ widget could be added to the booking page, but "
            "we do not provide natural-language question answering ourselves. This proposal is "
            "best seen as a complement to the main assistant."
        ),
        "trl": 7,
        "price_estimate": 450_000_000,
        "timeline_weeks": 10,
        "status": "submitted",
    },
    {
        "startup": "st-ket-noi-nhan-tai",
        "challenge": "ch-chatbot-dich-vu-cong",
        "title": "Chatbot tư vấn việc làm trên Cổng dịch vụ công",
        "summary": (
            "Tích hợp chatbot tuyển dụng của Kết Nối Nhân Tài để tư vấn việc làm cho người dân "
            "trên Cổng dịch vụ công."
        ),
        "approach": (
            "Chúng tôi đề xuất đưa chatbot tuyển dụng vào Cổng dịch vụ công để người dân tìm việc "
            "làm phù hợp và nộp hồ sơ xin việc trực tuyến. Chatbot hỏi về kinh nghiệm, kỹ năng, "
            "khu vực sinh sống và gợi ý việc làm từ các doanh nghiệp đối tác. Giải pháp có thể mở "
            "rộng sang tư vấn thủ tục trợ cấp thất nghiệp nếu được cung cấp dữ liệu thủ tục. Thời "
            "gian triển khai dự kiến hai tháng."
        ),
        "trl": 5,
        "price_estimate": 300_000_000,
        "timeline_weeks": 8,
        "status": "withdrawn",
    },
    {
        "startup": "st-sohoa-docs",
        "challenge": "ch-so-hoa-ho-so-hanh-chinh",
        "title": "Số hóa trọn gói 2 triệu trang hồ sơ hộ tịch và đất đai tại 5 phường",
        "summary": (
            "Scan, nhận dạng, trích xuất và kiểm tra dữ liệu hồ sơ giấy, đưa vào hệ thống lưu trữ "
            "điện tử với độ chính xác trên 95%."
        ),
        "approach": (
            "SốHóa Docs bố trí xưởng số hóa ngay tại trụ sở UBND TP Thủ Đức để hồ sơ không phải "
            "vận chuyển ra ngoài. Hồ sơ được phân loại, làm phẳng, xử lý các trang ẩm mốc trước "
            "khi scan bằng máy tốc độ cao. Hệ thống OCR tiếng Việt của chúng tôi nhận dạng chữ in "
            "và chữ viết tay trong sổ hộ tịch, trích xuất các trường họ tên, ngày sinh, số giấy "
            "tờ, địa chỉ. Những trường có độ tin cậy thấp được hai nhân viên nhập liệu kiểm tra "
            "chéo. Dữ liệu đã kiểm tra được đưa vào hệ thống lưu trữ điện tử, có phân quyền và "
            "nhật ký truy cập. Quy trình tuân thủ ISO 27001 và các quy định về lưu trữ."
        ),
        "trl": 9,
        "price_estimate": 2_800_000_000,
        "timeline_weeks": 36,
        "status": "submitted",
    },
    {
        "startup": "st-archivo",
        "challenge": "ch-so-hoa-ho-so-hanh-chinh",
        "title": "He thong luu tru dien tu va tra cuu ho so cho UBND phuong",
        "summary": (
            "Cung cap nen tang luu tru dien tu de quan ly ho so sau so hoa, tim kiem toan van va "
            "lien thong voi he thong quan ly van ban."
        ),
        "approach": (
            "Archivo tap trung vao phan mem: sau khi ho so duoc scan va trich xuat, du lieu se "
            "duoc dua vao he thong luu tru dien tu cua chung toi theo dung danh muc ho so va thoi "
            "han bao quan. Can bo tra cuu bang tim kiem toan van hoac theo truong du lieu, he "
            "thong ghi lai moi lan truy cap. Archivo ket noi voi truc lien thong van ban va he "
            "thong mot cua dien tu de can bo lay ho so goc ngay khi giai quyet thu tuc. Phan scan "
            "va OCR se do doi tac thuc hien."
        ),
        "trl": 8,
        "price_estimate": 1_200_000_000,
        "timeline_weeks": 20,
        "status": "submitted",
    },
    {
        "startup": "st-vietnlp",
        "challenge": "ch-so-hoa-ho-so-hanh-chinh",
        "title": "Handwritten Vietnamese OCR and field extraction for civil-status registers",
        "summary": (
            "Apply VietNLP's handwriting recognition and information extraction models to decades "
            "of civil-status and land records, with human review of low-confidence fields."
        ),
        "approach": (
            "Civil-status books from the 1980s and 1990s are handwritten in varied styles with "
            "faded ink, which standard OCR handles poorly. Our handwriting model for Vietnamese "
            "with diacritics will be fine-tuned on a few thousand manually transcribed pages from "
            "the pilot wards. An extraction model identifies names, dates of birth, document "
            "numbers and addresses, normalising date formats and old administrative unit names. "
            "Every field has a confidence score, and a review interface routes low-confidence "
            "fields to staff. The pipeline runs on-premise and can be combined with any scanning "
            "provider and archive system chosen by the city."
        ),
        "trl": 6,
        "price_estimate": 1_500_000_000,
        "timeline_weeks": 26,
        "status": "submitted",
    },
    {
        "startup": "st-nongtrai-so",
        "challenge": "ch-truy-xuat-nong-san",
        "title": "Nhật ký canh tác điện tử và cảm biến nhà màng cho hợp tác xã rau Củ Chi",
        "summary": (
            "Cung cấp ứng dụng nhật ký canh tác hoạt động ngoại tuyến, cảm biến nhà màng và mã QR "
            "truy xuất cho 10 hợp tác xã."
        ),
        "approach": (
            "Nông Trại Số cài ứng dụng nhật ký canh tác với giao diện chữ to, nhập liệu bằng giọng "
            "nói và hình ảnh, hoạt động khi mất mạng và đồng bộ khi có kết nối. Mỗi hợp tác xã "
            "được lắp bộ cảm biến độ ẩm đất, nhiệt độ và độ ẩm không khí trong nhà màng, truyền dữ "
            "liệu qua LoRa. Khi thu hoạch, ứng dụng tự tạo mã QR cho từng lô rau, liên kết nhật ký "
            "sử dụng phân bón, thuốc bảo vệ thực vật và thời gian cách ly. Chúng tôi cử kỹ sư nông "
            "nghiệp hướng dẫn trực tiếp và hỗ trợ hợp tác xã chuẩn bị hồ sơ VietGAP. Dữ liệu truy "
            "xuất được chia sẻ qua API với siêu thị và bếp ăn trường học."
        ),
        "trl": 7,
        "price_estimate": 750_000_000,
        "timeline_weeks": 24,
        "status": "submitted",
    },
    {
        "startup": "st-farmtrace",
        "challenge": "ch-truy-xuat-nong-san",
        "title": "Retail-grade traceability for cooperative vegetables from Củ Chi and Hóc Môn",
        "summary": (
            "Connect cooperative farm records to supermarket supply chains with batch-level QR "
            "codes, lab results and logistics events on a tamper-evident ledger."
        ),
        "approach": (
            "FarmTrace will onboard the pilot cooperatives onto our traceability platform, "
            "importing farm logs from a simple mobile form or from partner apps. Each harvested "
            "batch gets a GS1-compliant QR label that links to growing practices, pesticide "
            "withdrawal periods, lab test results and transport records. Events are anchored on a "
            "tamper-evident ledger so buyers can trust the data. We will work with two retail "
            "chains and one school-catering company to accept the data as part of supplier "
            "qualification, which is often the main barrier for cooperatives. Training is "
            "delivered in Vietnamese by our field team."
        ),
        "trl": 8,
        "price_estimate": 900_000_000,
        "timeline_weeks": 20,
        "status": "submitted",
    },
    {
        "startup": "st-sanmua",
        "challenge": "ch-truy-xuat-nong-san",
        "title": "Gian hàng trực tuyến cho rau an toàn của hợp tác xã",
        "summary": (
            "Mở gian hàng trên Sàn Mua cho các hợp tác xã, hiển thị thông tin nguồn gốc và giao "
            "hàng trong ngày tại TP.HCM."
        ),
        "approach": (
            "Sàn Mua giúp hợp tác xã bán rau trực tiếp cho người tiêu dùng và nhà hàng, hiển thị "
            "thông tin nhà vườn và chứng nhận VietGAP ngay trên trang sản phẩm. Đơn hàng được gom "
            "theo khu vực và giao trong ngày. Chúng tôi không cung cấp cảm biến hay nhật ký canh "
            "tác, nhưng có thể hiển thị mã QR truy xuất từ hệ thống khác. Giải pháp giúp hợp tác "
            "xã có đầu ra ổn định và giá bán tốt hơn."
        ),
        "trl": 8,
        "price_estimate": 200_000_000,
        "timeline_weeks": 8,
        "status": "draft",
    },
    {
        "startup": "st-chopay",
        "challenge": "ch-thanh-toan-cho",
        "title": "QR, loa báo tiền và sổ bán hàng cho tiểu thương chợ Bến Thành, chợ Bình Tây",
        "summary": (
            "Trang bị miễn phí mã VietQR, loa báo tiền và sổ bán hàng điện tử cho tiểu thương tại "
            "3 chợ, kèm cổng quản lý cho ban quản lý chợ."
        ),
        "approach": (
            "ChợPay cử đội hỗ trợ làm việc trực tiếp tại chợ trong 8 tuần, giúp từng tiểu thương "
            "mở tài khoản, nhận mã VietQR in trên bảng mica và loa báo tiền. Loa đọc to số tiền "
            "khi nhận được chuyển khoản, chống lừa đảo bằng ảnh chụp màn hình giả. Sổ bán hàng "
            "trên điện thoại ghi nhận doanh thu tự động từ giao dịch QR và cho phép nhập tay giao "
            "dịch tiền mặt. Ban quản lý chợ thu phí dịch vụ, phí vệ sinh qua cổng quản trị và theo "
            "dõi tỷ lệ sạp sử dụng thanh toán điện tử. Tiểu thương không phải trả phí trong 12 "
            "tháng đầu."
        ),
        "trl": 8,
        "price_estimate": 650_000_000,
        "timeline_weeks": 16,
        "status": "submitted",
    },
    {
        "startup": "st-ledgerly",
        "challenge": "ch-thanh-toan-cho",
        "title": "Simple bookkeeping and tax reminders for market traders",
        "summary": (
            "Offer Ledgerly's bookkeeping app to market traders so that QR payments are recorded "
            "automatically and simple tax declarations are prepared."
        ),
        "approach": (
            "Many traders worry that accepting digital payments will complicate their taxes. "
            "Ledgerly reads QR payment transactions from partner banks, categorises them and shows "
            "daily and monthly revenue in a simple Vietnamese interface. For household businesses "
            "above the tax threshold, the app prepares the required declarations and reminds "
            "owners of deadlines. We would partner with a QR payment provider for the in-market "
            "hardware and focus on bookkeeping, training and building trust with traders and "
            "market boards."
        ),
        "trl": 6,
        "price_estimate": 400_000_000,
        "timeline_weeks": 12,
        "status": "submitted",
    },
    {
        "startup": "st-sanmua",
        "challenge": "ch-thanh-toan-cho",
        "title": "Kết nối sạp chợ truyền thống với kênh bán hàng trực tuyến",
        "summary": (
            "Giúp tiểu thương chợ truyền thống mở gian hàng trực tuyến trên Sàn Mua, nhận thanh "
            "toán QR và giao hàng tận nhà."
        ),
        "approach": (
            "Ngoài thanh toán tại chỗ, tiểu thương có thể tăng doanh thu bằng bán hàng trực tuyến. "
            "Sàn Mua đề xuất tạo gian hàng chung cho từng chợ, nhận đơn qua ứng dụng và Zalo, "
            "thanh toán bằng VietQR và giao hàng trong bán kính 5 km. Chúng tôi hỗ trợ chụp ảnh "
            "sản phẩm và tập huấn cho tiểu thương ngay tại sạp. Giải pháp không bao gồm loa báo "
            "tiền và cổng quản lý cho ban quản lý chợ."
        ),
        "trl": 7,
        "price_estimate": 350_000_000,
        "timeline_weeks": 12,
        "status": "submitted",
    },
]

# --- Self-check ---


def _strings(value: object) -> list[str]:
    """Collect every string (keys included) nested in ``value``."""
    if isinstance(value, str):
        return [value]
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            out.extend(_strings(key))
            out.extend(_strings(item))
    elif isinstance(value, list | tuple):
        for item in value:
            out.extend(_strings(item))
    return out


def _has_control_char(text: str) -> bool:
    return any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in text)


def _unique(keys: list[str], what: str) -> set[str]:
    seen = set(keys)
    assert len(seen) == len(keys), f"duplicate {what} keys"
    return seen


def validate() -> None:
    """Assert that the demo data set is internally consistent.

    Checks counts, unique keys, references between records, the sector vocabulary,
    allowed status values, at most one proposal per (startup, challenge), proposals only
    to published or closed challenges, title lengths and absence of control characters.
    """
    assert len(DEPARTMENTS) == 8, len(DEPARTMENTS)
    assert len(CHALLENGES) == 20, len(CHALLENGES)
    assert len(STARTUPS) == 40, len(STARTUPS)
    assert 55 <= len(PROPOSALS) <= 65, len(PROPOSALS)

    department_keys = _unique([d["key"] for d in DEPARTMENTS], "department")
    challenge_keys = _unique([c["key"] for c in CHALLENGES], "challenge")
    startup_keys = _unique([s["key"] for s in STARTUPS], "startup")
    for key in department_keys | challenge_keys | startup_keys:
        assert key.isascii() and key == key.lower() and " " not in key, key

    challenge_status = {c["key"]: c["status"] for c in CHALLENGES}
    for c in CHALLENGES:
        key = c["key"]
        assert c["department"] in department_keys, key
        assert 0 < len(c["title"]) <= 200, key
        assert 1 <= len(c["sectors"]) <= 3, key
        assert set(c["sectors"]) <= SECTORS, key
        assert all(0 < len(tag) <= 50 for tag in c["tags"]), key
        assert all(1 <= goal <= 17 for goal in c["sdg_goals"]), key
        assert 0 < c["budget_min"] <= c["budget_max"], key
        assert c["currency"] == "VND", key
        assert 20 <= c["deadline_days"] <= 90, key
        assert c["language"] in LANGUAGES, key
        assert c["status"] in CHALLENGE_STATUSES, key
        assert c["contact"]["email"].endswith(".example.gov.vn"), key

    for s in STARTUPS:
        key = s["key"]
        assert 0 < len(s["name"]) <= 200, key
        assert s["sectors"] and set(s["sectors"]) <= SECTORS, key
        assert s["stage"] in STARTUP_STAGES, key
        labels = s["capabilities"] + s["technologies"]
        assert all(0 < len(label) <= 50 for label in labels), key
        assert s["team_size"] > 0, key
        assert s["website"].startswith("https://"), key
        assert s["languages"] and set(s["languages"]) <= LANGUAGES, key

    pairs: set[tuple[str, str]] = set()
    for p in PROPOSALS:
        pair = (p["startup"], p["challenge"])
        assert p["startup"] in startup_keys, pair
        assert p["challenge"] in challenge_keys, pair
        assert pair not in pairs, f"duplicate proposal {pair}"
        pairs.add(pair)
        assert challenge_status[p["challenge"]] in {"published", "closed"}, pair
        assert 0 < len(p["title"]) <= 200, pair
        assert 1 <= p["trl"] <= 9, pair
        assert p["price_estimate"] > 0 and p["timeline_weeks"] > 0, pair
        assert p["status"] in PROPOSAL_STATUSES, pair

    for text in _strings([DEPARTMENTS, CHALLENGES, STARTUPS, PROPOSALS]):
        assert not _has_control_char(text), repr(text)
