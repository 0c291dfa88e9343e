## Reports: orientation reach and good practices on the dashboard.
reports-orientation-title = نطاق التوجيه
reports-orientation-definition = المشاركون: الأشخاص المسجلون (غير المدرجين في قائمة الانتظار أو المنسحبين) في جلسات التوجيه التي بدأت خلال الفترة، في المكاتب المعروضة. أتمّوا: من سُجّل حضورهم في كل يوم من أيام جلستهم. تُخفى الأعداد الأقل من 5، وكذلك عدد ثانٍ عندما يكشف المجموع عددًا مخفيًا.
reports-orientation-participants = المشاركون
reports-orientation-completed = أتمّوا
reports-orientation-completion = نسبة الإتمام
reports-gain-title = اكتساب المعرفة حسب الوحدة
reports-gain-definition = لكل وحدة، نسبة الإجابات الصحيحة في الاختبار قبل الجلسة وفي الاختبار بعدها، لدى من أجابوا عن الاختبارين، والفرق بالنقاط المئوية. تُخفى الوحدة التي يقل عدد هؤلاء المشاركين فيها عن 5.
reports-gain-none = لا توجد وحدة لها نتائج قبل وبعد في هذه الفترة.
reports-gain-module = الوحدة
reports-gain-participants = المشاركون الذين أجابوا عن الاختبارين
reports-gain-pre = قبل
reports-gain-post = بعد
reports-gain-points = الزيادة (نقاط)
reports-practices-title = الممارسات الجيدة حسب الهدف والمنطقة
reports-practices-definition = الممارسات المنشورة حاليًا على منصة المعرفة، حسب أهداف الاتفاق العالمي من أجل الهجرة وحسب المنطقة. تُحسب الممارسة ذات الأهداف أو المناطق المتعددة تحت كل منها؛ ولا تنطبق عوامل تصفية الفترة والمكتب.
reports-practices-objective = الهدف
reports-practices-total = المجموع
