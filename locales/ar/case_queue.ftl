# قائمة الملفات على نطاق واسع: عوامل التصفية والإسناد الجماعي والحصص الشهرية.

queue-assigned-to = مُسند إلى
queue-select = تحديد
queue-bulk-assign = إسناد الملفات المحددة
queue-assign-to = مسؤول الحالة
queue-choose-assignee = اختر مسؤول حالة
queue-assign-selected = إسناد المحدد
quota-title = الحصص الشهرية
quota-definition = "المستخدم" يعني: ملفات هذا المسار في جميع المكاتب التي تمت الموافقة عليها منذ اليوم الأول من هذا الشهر (بالتوقيت العالمي). السعة هي القيمة التي تحددها حزمة القواعد لهذا الشهر.
quota-month = الشهر
quota-used = المستخدم
quota-capacity = السعة
quota-available = المتاح حتى الآن
quota-source = الأساس القانوني
error-choose-cases = حدد ما بين ملف واحد و200 ملف.
error-assignee-not-caseworker = هذا الشخص ليس مسؤول حالات في مكتب كل ملف من الملفات المحددة.
